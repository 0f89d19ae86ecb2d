// The performance context's stored objects: each declares its keys, indexes and type (shared/db/entity.ts).

export const performanceEntities = [];
