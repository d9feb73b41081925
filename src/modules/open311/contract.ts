/**
 * The answers of the public Open311 GeoReport v2 interface (read-only part), as the specification names
 * them (http://wiki.open311.org/GeoReport_v2). The XML answers carry the same elements.
 */
import { z } from 'zod';

const text = (description: string) => z.string().meta({ description });

export const discovery = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(
    z.object({
      specification: z.string(),
      url: z.string(),
      changeset: z.string(),
      type: z.enum(['production', 'test']),
      formats: z.array(z.string()),
    }),
  ),
});

export const service = z.object({
  service_code: text('The category code'),
  service_name: text('The category name in the language asked'),
  description: z.string(),
  metadata: z.boolean().meta({ description: 'true when the service has a definition with attributes' }),
  type: z.literal('realtime'),
  keywords: z.string(),
  group: text('The kind of case (document request, complaint, …)'),
});
export const services = z.array(service);

export const attribute = z.object({
  variable: z.literal(true),
  code: z.string(),
  datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
  required: z.boolean(),
  datatype_description: z.string().nullable(),
  order: z.number().int(),
  description: z.string(),
  values: z.array(z.object({ key: z.string(), name: z.string() })).optional(),
});
export const serviceDefinition = z.object({ service_code: z.string(), attributes: z.array(attribute) });

/** A request as anyone may see it: figures and dates only, never the person nor what they wrote. */
export const serviceRequest = z.object({
  service_request_id: text('The tracking number'),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.null().meta({ description: 'Never given: what people write is personal' }),
  agency_responsible: z.string(),
  service_notice: z.null(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string(),
  address: z.null(),
  address_id: z.null(),
  zipcode: z.null(),
  lat: z.null(),
  long: z.null(),
  media_url: z.null(),
});
export const serviceRequests = z.array(serviceRequest);

export const errors = z.array(z.object({ code: z.number().int(), description: z.string() }));

const param = (description: string) => z.string().max(2000).optional().meta({ description });

/** Every parameter is read as text and checked by the route, so that a refusal comes in Open311's format. */
export const query = z.object({
  jurisdiction_id: param('The code of the body (e.g. AML); required'),
  lang: param('ar, fr or en (default: Accept-Language, then fr)'),
});
export const requestsQuery = query.extend({
  service_code: param('One or more service codes, comma-separated'),
  start_date: param('ISO 8601; requests filed at or after'),
  end_date: param('ISO 8601; requests filed before (a bare date includes that day)'),
  status: param('open, closed, or both comma-separated'),
  page: param('From 1'),
  page_size: param('Default 50, at most 200'),
});
