import type { AttributeValue as SdkAttributeValue, _Record } from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';

/**
 * Stream records as the SDK returns them, turned into what Lambda's event source mapping hands a function:
 * `eventSourceARN` added, the creation time in epoch seconds, binary attributes base64 encoded (the SDK
 * gives bytes, Lambda gives the JSON wire form).
 */

/**
 * The relay's event filter, as configured on the AWS event source mapping:
 * `{ "eventName": ["INSERT"], "dynamodb": { "NewImage": { "type": { "S": ["OutboxEvent"] } } } }`.
 * Records that do not match are skipped (and checkpointed past) without invoking the function.
 */
export function isOutboxInsert(record: DynamoDBRecord): boolean {
  return record.eventName === 'INSERT' && record.dynamodb?.NewImage?.type?.S === 'OutboxEvent';
}

export function toLambdaRecord(record: _Record, streamArn: string, region: string): DynamoDBRecord {
  const data = record.dynamodb ?? {};
  const created = data.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? region,
    dynamodb: {
      ...(created ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
      ...(data.Keys ? { Keys: toWireMap(data.Keys) } : {}),
      ...(data.NewImage ? { NewImage: toWireMap(data.NewImage) } : {}),
      ...(data.OldImage ? { OldImage: toWireMap(data.OldImage) } : {}),
      SequenceNumber: data.SequenceNumber,
      SizeBytes: data.SizeBytes,
      StreamViewType: data.StreamViewType,
    },
    eventSourceARN: streamArn,
    ...(record.userIdentity ? { userIdentity: record.userIdentity } : {}),
  };
}

function toWireMap(map: Record<string, SdkAttributeValue>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(map).map(([name, value]) => [name, toWire(value)]));
}

function toWire(value: SdkAttributeValue): AttributeValue {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.L !== undefined) return { L: value.L.map(toWire) };
  if (value.M !== undefined) return { M: toWireMap(value.M) };
  // S, N, SS, NS, BOOL, NULL are already in their wire form.
  return value as AttributeValue;
}

export function seq(record: DynamoDBRecord | undefined): string {
  return record?.dynamodb?.SequenceNumber ?? '';
}

/** Lambda's partial batch response: the earliest failed record (unknown ids fail the whole batch). */
export function firstFailure(records: DynamoDBRecord[], response: DynamoDBBatchResponse | void): string | undefined {
  const failures = response?.batchItemFailures ?? [];
  if (failures.length === 0) return undefined;
  const ids = new Set(failures.map((f) => f.itemIdentifier));
  const first = records.find((r) => ids.has(seq(r)));
  return first ? seq(first) : seq(records[0]);
}
