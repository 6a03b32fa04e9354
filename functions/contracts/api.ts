/**
 * The HTTP API route table: the single description of every route that the Lambda handlers, the
 * local gateway, the CDK stack (one function per route), the OpenAPI document and the web client
 * all read. Pure data and zod schemas: importing it pulls in no runtime code.
 */
import type * as z from 'zod';
import { ClinicParams, ClinicView, Me } from './clinics';
import { FhirBundle } from './fhir';
import { PageQuery, pageOf } from './common';
import {
  AddParticipantBody,
  CallJoin,
  Handoff,
  HandoffListQuery,
  HandoffMetrics,
  HandoffMetricsQuery,
  HandoffOutcomeBody,
  HandoffParams,
  HandoffQueue,
  HandoffReasonBody,
  HandoffRequestBody,
  PresenceUpdate,
  PresenceView,
} from './handoff';
import { Patient, PatientCreate, PatientParams, PatientSearchQuery } from './patients';
import {
  RiskAssessment,
  RiskAssessmentCreate,
  RiskAssessmentListQuery,
  SafetyPlan,
  SafetyPlanQuery,
  SafetyPlanSave,
  SafetyPlanView,
  SafetySummary,
} from './safety';
import {
  ClinicScreeningItem,
  DispositionOverrideRequest,
  ScreeningListQuery,
  ScreeningParams,
  ScreeningResult,
  ScreeningSubmit,
} from './screenings';
import { PublishedTriageRules, TriageRulesPublish, TriageRulesView } from './triage-admin';

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway path template, {name} for path parameters. */
  path: string;
  summary: string;
  /** File name (without .ts) under functions/handlers/http/. */
  handler: string;
  /** Whether the route writes to the table (drives least-privilege grants). */
  writes: boolean;
  /** Pushes socket messages (gets the WebSocket management grant and endpoint). */
  pushes?: boolean;
  /** Creates, joins or deletes video meetings (gets the Chime meetings grant). */
  meetings?: boolean;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  successStatus: 200 | 201;
}

const route = <R extends RouteSpec>(spec: R): R => spec;

export const routes = {
  getMe: route({
    method: 'GET',
    path: '/me',
    summary: 'The signed-in user and the clinics and roles they hold',
    handler: 'get-me',
    writes: false,
    response: Me,
    successStatus: 200,
  }),
  getClinic: route({
    method: 'GET',
    path: '/clinics/{clinicId}',
    summary: 'A clinic the caller belongs to',
    handler: 'get-clinic',
    writes: false,
    params: ClinicParams,
    response: ClinicView,
    successStatus: 200,
  }),
  searchPatients: route({
    method: 'GET',
    path: '/clinics/{clinicId}/patients',
    summary: "Find a clinic's patients by family-name prefix or MRN",
    handler: 'search-patients',
    writes: true, // audit events
    params: ClinicParams,
    query: PatientSearchQuery,
    response: pageOf(Patient),
    successStatus: 200,
  }),
  registerPatient: route({
    method: 'POST',
    path: '/clinics/{clinicId}/patients',
    summary: 'Register a patient in a clinic',
    handler: 'register-patient',
    writes: true,
    params: ClinicParams,
    body: PatientCreate,
    response: Patient,
    successStatus: 201,
  }),
  getPatient: route({
    method: 'GET',
    path: '/clinics/{clinicId}/patients/{patientId}',
    summary: 'One patient',
    handler: 'get-patient',
    writes: true,
    params: PatientParams,
    response: Patient,
    successStatus: 200,
  }),
  submitScreening: route({
    method: 'POST',
    path: '/clinics/{clinicId}/patients/{patientId}/screenings',
    summary: "Submit a patient's questionnaire answers; the server scores and triages them",
    handler: 'submit-screening',
    writes: true,
    pushes: true, // the real-time safety alert
    params: PatientParams,
    body: ScreeningSubmit,
    response: ScreeningResult,
    successStatus: 201,
  }),
  listScreenings: route({
    method: 'GET',
    path: '/clinics/{clinicId}/patients/{patientId}/screenings',
    summary: "A patient's screenings, newest first",
    handler: 'list-screenings',
    writes: true,
    params: PatientParams,
    query: ScreeningListQuery,
    response: pageOf(ScreeningResult),
    successStatus: 200,
  }),
  getScreening: route({
    method: 'GET',
    path: '/clinics/{clinicId}/patients/{patientId}/screenings/{screeningId}',
    summary: 'One screening result with its triage decision',
    handler: 'get-screening',
    writes: true,
    params: ScreeningParams,
    response: ScreeningResult,
    successStatus: 200,
  }),
  listClinicScreenings: route({
    method: 'GET',
    path: '/clinics/{clinicId}/screenings',
    summary: "Today's and recent screenings in a clinic, newest first (the PCP's worklist)",
    handler: 'list-clinic-screenings',
    writes: true,
    params: ClinicParams,
    query: PageQuery,
    response: pageOf(ClinicScreeningItem),
    successStatus: 200,
  }),
  exportPatientFhir: route({
    method: 'GET',
    path: '/clinics/{clinicId}/patients/{patientId}/fhir',
    summary: 'A patient and all their screenings as a FHIR R4 collection Bundle (US Core)',
    handler: 'export-patient-fhir',
    writes: true, // audit event
    params: PatientParams,
    response: FhirBundle,
    successStatus: 200,
  }),
  recordRiskAssessment: route({
    method: 'POST',
    path: '/clinics/{clinicId}/patients/{patientId}/risk-assessments',
    summary: 'Record a suicide-risk assessment with its level, justification and dated follow-up',
    handler: 'record-risk-assessment',
    writes: true,
    params: PatientParams,
    body: RiskAssessmentCreate,
    response: RiskAssessment,
    successStatus: 201,
  }),
  listRiskAssessments: route({
    method: 'GET',
    path: '/clinics/{clinicId}/patients/{patientId}/risk-assessments',
    summary: "A patient's risk assessments, newest first",
    handler: 'list-risk-assessments',
    writes: true, // audit event
    params: PatientParams,
    query: RiskAssessmentListQuery,
    response: pageOf(RiskAssessment),
    successStatus: 200,
  }),
  saveSafetyPlan: route({
    method: 'PUT',
    path: '/clinics/{clinicId}/patients/{patientId}/safety-plan',
    summary:
      'Save the next version of the Stanley-Brown safety plan; a stale expectedVersion is a 409',
    handler: 'save-safety-plan',
    writes: true,
    params: PatientParams,
    body: SafetyPlanSave,
    response: SafetyPlan,
    successStatus: 200,
  }),
  getSafetyPlan: route({
    method: 'GET',
    path: '/clinics/{clinicId}/patients/{patientId}/safety-plan',
    summary: "The patient's current safety plan (or a past version), null when there is none",
    handler: 'get-safety-plan',
    writes: true, // audit event
    params: PatientParams,
    query: SafetyPlanQuery,
    response: SafetyPlanView,
    successStatus: 200,
  }),
  getSafetySummary: route({
    method: 'GET',
    path: '/clinics/{clinicId}/patients/{patientId}/safety-summary',
    summary: 'Risk level, follow-up date and plan version, visible to the whole care team',
    handler: 'get-safety-summary',
    writes: true, // audit event
    params: PatientParams,
    response: SafetySummary,
    successStatus: 200,
  }),
  overrideDisposition: route({
    method: 'POST',
    path: '/clinics/{clinicId}/patients/{patientId}/screenings/{screeningId}/override',
    summary:
      "Override a screening's disposition with a written reason (the rule's disposition is kept)",
    handler: 'override-disposition',
    writes: true,
    params: ScreeningParams,
    body: DispositionOverrideRequest,
    response: ScreeningResult,
    successStatus: 200,
  }),
  // @routes:fhir (FHIR export routes go here)
  // @routes:triage-admin (triage rule administration routes go here)
  getTriageRules: route({
    method: 'GET',
    path: '/clinics/{clinicId}/triage-rules',
    summary: "The clinic's current triage rule set and its version history, newest first",
    handler: 'get-triage-rules',
    writes: false,
    params: ClinicParams,
    query: PageQuery,
    response: TriageRulesView,
    successStatus: 200,
  }),
  publishTriageRules: route({
    method: 'PUT',
    path: '/clinics/{clinicId}/triage-rules',
    summary: 'Publish a new triage rule version (clinic admin); a stale expectedVersion is a 409',
    handler: 'publish-triage-rules',
    writes: true,
    params: ClinicParams,
    body: TriageRulesPublish,
    response: PublishedTriageRules,
    successStatus: 200,
  }),
  // @routes:handoff (warm handoff, presence and call routes go here)
  requestHandoff: route({
    method: 'POST',
    path: '/clinics/{clinicId}/handoffs',
    summary: 'Request a warm handoff to behavioral health now; every on-duty BCM is paged',
    handler: 'request-handoff',
    writes: true,
    pushes: true,
    params: ClinicParams,
    body: HandoffRequestBody,
    response: Handoff,
    successStatus: 201,
  }),
  listHandoffs: route({
    method: 'GET',
    path: '/clinics/{clinicId}/handoffs',
    summary: "The clinic's handoffs, newest first (open, live or closed)",
    handler: 'list-handoffs',
    writes: true, // audit event
    params: ClinicParams,
    query: HandoffListQuery,
    response: pageOf(Handoff),
    successStatus: 200,
  }),
  getHandoff: route({
    method: 'GET',
    path: '/clinics/{clinicId}/handoffs/{handoffId}',
    summary: 'One handoff with its timeline',
    handler: 'get-handoff',
    writes: true, // audit event
    params: HandoffParams,
    response: Handoff,
    successStatus: 200,
  }),
  acceptHandoff: route({
    method: 'POST',
    path: '/clinics/{clinicId}/handoffs/{handoffId}/accept',
    summary: 'Accept a page: the first BCM wins, everyone later gets a 409; creates the meeting',
    handler: 'accept-handoff',
    writes: true,
    pushes: true,
    meetings: true,
    params: HandoffParams,
    response: Handoff,
    successStatus: 200,
  }),
  declineHandoff: route({
    method: 'POST',
    path: '/clinics/{clinicId}/handoffs/{handoffId}/decline',
    summary: 'Decline a page (it stays open for the other BCMs)',
    handler: 'decline-handoff',
    writes: true,
    pushes: true,
    params: HandoffParams,
    body: HandoffReasonBody,
    response: Handoff,
    successStatus: 200,
  }),
  cancelHandoff: route({
    method: 'POST',
    path: '/clinics/{clinicId}/handoffs/{handoffId}/cancel',
    summary: 'Cancel a request that is not yet connected',
    handler: 'cancel-handoff',
    writes: true,
    pushes: true,
    meetings: true,
    params: HandoffParams,
    body: HandoffReasonBody,
    response: Handoff,
    successStatus: 200,
  }),
  joinHandoffCall: route({
    method: 'POST',
    path: '/clinics/{clinicId}/handoffs/{handoffId}/join',
    summary: "The caller's own join credentials for the handoff's call (participants only)",
    handler: 'join-handoff-call',
    writes: true,
    meetings: true,
    params: HandoffParams,
    response: CallJoin,
    successStatus: 200,
  }),
  markHandoffJoined: route({
    method: 'POST',
    path: '/clinics/{clinicId}/handoffs/{handoffId}/joined',
    summary: "Report the caller's media connected; the BCM and the patient's side → connected",
    handler: 'mark-handoff-joined',
    writes: true,
    pushes: true,
    params: HandoffParams,
    response: Handoff,
    successStatus: 200,
  }),
  addHandoffParticipant: route({
    method: 'POST',
    path: '/clinics/{clinicId}/handoffs/{handoffId}/participants',
    summary: 'Add an interpreter or a second clinician of the clinic to the call',
    handler: 'add-handoff-participant',
    writes: true,
    pushes: true,
    meetings: true,
    params: HandoffParams,
    body: AddParticipantBody,
    response: Handoff,
    successStatus: 200,
  }),
  endHandoff: route({
    method: 'POST',
    path: '/clinics/{clinicId}/handoffs/{handoffId}/end',
    summary: 'End the call for everyone (the meeting is deleted)',
    handler: 'end-handoff',
    writes: true,
    pushes: true,
    meetings: true,
    params: HandoffParams,
    response: Handoff,
    successStatus: 200,
  }),
  recordHandoffOutcome: route({
    method: 'POST',
    path: '/clinics/{clinicId}/handoffs/{handoffId}/outcome',
    summary: "Record the call's outcome; its minutes become a care-management activity",
    handler: 'record-handoff-outcome',
    writes: true,
    params: HandoffParams,
    body: HandoffOutcomeBody,
    response: Handoff,
    successStatus: 200,
  }),
  getHandoffMetrics: route({
    method: 'GET',
    path: '/clinics/{clinicId}/handoff-metrics',
    summary: 'Requested / accepted / fallen back and median time-to-accept and time-to-connect',
    handler: 'get-handoff-metrics',
    writes: false,
    params: ClinicParams,
    query: HandoffMetricsQuery,
    response: HandoffMetrics,
    successStatus: 200,
  }),
  getMyHandoffQueue: route({
    method: 'GET',
    path: '/me/handoffs',
    summary: "The BCM's queue across every clinic they cover, safety and oldest first",
    handler: 'get-my-handoff-queue',
    writes: true, // audit events
    response: HandoffQueue,
    successStatus: 200,
  }),
  getMyPresence: route({
    method: 'GET',
    path: '/me/presence',
    summary: "The BCM's on-duty / away status per clinic they cover",
    handler: 'get-my-presence',
    writes: false,
    response: PresenceView,
    successStatus: 200,
  }),
  setMyPresence: route({
    method: 'PUT',
    path: '/me/presence',
    summary: 'Go on duty or away for one clinic',
    handler: 'set-my-presence',
    writes: true,
    body: PresenceUpdate,
    response: PresenceView,
    successStatus: 200,
  }),
  presenceHeartbeat: route({
    method: 'POST',
    path: '/me/presence/heartbeat',
    summary: 'Keep on-duty presence fresh while the socket is down (polling fallback)',
    handler: 'presence-heartbeat',
    writes: true,
    response: PresenceView,
    successStatus: 200,
  }),
  // @routes:scheduling (scheduling routes go here)
  // @routes:measurement (instrument / screening-bundle routes go here)
} satisfies Record<string, RouteSpec>;

export type RouteId = keyof typeof routes;
export type RouteResponse<R extends RouteId> = z.infer<(typeof routes)[R]['response']>;
