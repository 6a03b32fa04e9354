import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../domain/errors';
import type { RestrictedNoteRepository } from '../../ports/registry';
import { auditPut } from './audit-log';
import { queryAll } from './handoff-items';
import { itemExists, itemIsNew } from './keys';
import { restrictedNoteKeys } from './registry-keys';
import { parseRegistry, toRegistry } from './registry-items';
import type { StoredItem, Table } from './table';
import {
  cancellationReasons,
  conditionFailed,
  patientMustExist,
  sendTransaction,
} from './transactions';

const parseNote = (item: StoredItem) => parseRegistry('restricted-note', item);

/**
 * Psychotherapy and Part 2 notes: their own partition (`<patient>#RESTRICTED`) and no index
 * attribute, so no query of the chart, a clinic list or a staff view can ever return one.
 */
export const createRestrictedNoteRepository = (table: Table): RestrictedNoteRepository => ({
  async create(note, audit) {
    if (note.clinicId !== audit.clinicId) throw new Error('Audit event belongs to another clinic');
    const { clinicId, patientId, noteId } = note;
    try {
      await sendTransaction(table, [
        {
          Put: {
            TableName: table.tableName,
            Item: {
              ...toRegistry('restricted-note', note),
              ...restrictedNoteKeys.item(clinicId, patientId, noteId),
            },
            ConditionExpression: itemIsNew,
          },
        },
        patientMustExist(table, clinicId, patientId),
        { Put: auditPut(table, audit) },
      ]);
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons === undefined) throw error;
      if (conditionFailed(reasons[1])) throw DomainError.notFound('Patient');
      if (conditionFailed(reasons[0])) throw DomainError.conflict('This note already exists');
      throw error;
    }
  },

  async get(clinicId, patientId, noteId) {
    const { Item } = await table.client.send(
      new GetCommand({
        TableName: table.tableName,
        Key: restrictedNoteKeys.item(clinicId, patientId, noteId),
        ConsistentRead: true,
      }),
    );
    return Item && parseNote(Item);
  },

  async listForPatient(clinicId, patientId) {
    const items = await queryAll(table, {
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
      ExpressionAttributeValues: {
        ':p': restrictedNoteKeys.partition(clinicId, patientId),
        ':s': restrictedNoteKeys.sortPrefix,
      },
      ScanIndexForward: false,
    });
    return items.map(parseNote);
  },

  async recordAuthorization(note, authorization, audit) {
    if (note.clinicId !== audit.clinicId) throw new Error('Audit event belongs to another clinic');
    const next = toRegistry('restricted-note', { ...note, authorization });
    try {
      await sendTransaction(table, [
        {
          Update: {
            TableName: table.tableName,
            Key: restrictedNoteKeys.item(note.clinicId, note.patientId, note.noteId),
            UpdateExpression: 'SET #auth = :auth',
            ConditionExpression: `${itemExists} AND attribute_not_exists(#auth)`,
            ExpressionAttributeNames: { '#auth': 'authorization' },
            ExpressionAttributeValues: { ':auth': next.authorization },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        { Put: auditPut(table, audit) },
      ]);
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons === undefined) throw error;
      const [noteReason] = reasons;
      if (conditionFailed(noteReason) && noteReason?.itemExisted === false) {
        throw DomainError.notFound('Note');
      }
      if (conditionFailed(noteReason) || reasons.some((r) => r.code === 'TransactionConflict')) {
        throw DomainError.conflict("The patient's authorization for this note is already recorded");
      }
      throw error;
    }
    const { entity: _entity, ...stored } = next;
    return stored;
  },
});
