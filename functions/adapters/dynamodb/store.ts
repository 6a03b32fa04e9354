import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../../ports/store';
import { createActivityRepository } from './activity-repository';
import { createAuditLog } from './audit-log';
import { createConnectionRepository } from './connection-repository';
import { createHandoffRepository } from './handoff-repository';
import { createPresenceRepository } from './presence-repository';
import { createClinicRepository } from './clinic-repository';
import { createMembershipRepository } from './membership-repository';
import { createPatientRepository } from './patient-repository';
import { createSafetyRepository } from './safety-repository';
import { createBookingRepository } from './booking-repository';
import { createSlotRepository } from './slot-repository';
import { createTemplateRepository } from './template-repository';
import { createScreeningRepository } from './screening-repository';
import { createUserRepository } from './user-repository';
import { createClinicConfigRepository } from './clinic-config-repository';
import { createEpisodeRepository } from './episode-repository';
import { createMessageRepository } from './message-repository';
import { createRecommendationRepository } from './recommendation-repository';
import { createRestrictedNoteRepository } from './restricted-note-repository';
import { createReviewSessionRepository } from './review-session-repository';
import { createBillingRepository } from './billing-repository';

export interface DynamoStoreOptions {
  tableName: string;
  /** From createDocumentClient: the same adapter serves AWS and DynamoDB Local. */
  client: DynamoDBDocumentClient;
}

export const createDynamoStore = ({ tableName, client }: DynamoStoreOptions): Store => {
  const table = { tableName, client };
  return {
    clinics: createClinicRepository(table),
    users: createUserRepository(table),
    memberships: createMembershipRepository(table),
    patients: createPatientRepository(table),
    screenings: createScreeningRepository(table),
    safety: createSafetyRepository(table),
    audit: createAuditLog(table),
    // @store:handoff
    handoffs: createHandoffRepository(table),
    presence: createPresenceRepository(table),
    connections: createConnectionRepository(table),
    activities: createActivityRepository(table),
    // @store:scheduling
    slots: createSlotRepository(table),
    templates: createTemplateRepository(table),
    scheduling: createBookingRepository(table),
    // @store:measurement
    // @store:registry
    episodes: createEpisodeRepository(table),
    recommendations: createRecommendationRepository(table),
    messages: createMessageRepository(table),
    restrictedNotes: createRestrictedNoteRepository(table),
    reviewSessions: createReviewSessionRepository(table),
    clinicConfigs: createClinicConfigRepository(table),
    // @store:billing
    billing: createBillingRepository(table),
  };
};
