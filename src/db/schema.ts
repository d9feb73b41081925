export * from '../modules/accounts/schema.js';
export * from '../modules/appointments/schema.js';
export * from '../modules/audit/schema.js';
export * from '../modules/cases/schema.js';
export * from '../modules/catalog/schema.js';
export * from '../modules/institutions/schema.js';
export * from '../modules/notifications/schema.js';
export * from '../modules/territory/schema.js';
