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

/** The answer of `POST requests`: the token to follow, never a case number before the person confirms. */
export const postAnswer = z.array(
  z.object({
    token: text('Follow it with GET tokens/{token}'),
    service_notice: text('What happens next: the person confirms from the link e-mailed to them'),
  }),
);

/** The answer of `GET tokens/{token}`: the tracking number once the person confirmed, null before. */
export const tokenAnswer = z.array(
  z.object({
    service_request_id: z
      .string()
      .nullable()
      .meta({ description: 'The tracking number; null while pending' }),
    token: z.string(),
  }),
);

/**
 * The parameters of `POST requests` (form-encoded as the specification says, or JSON). Each is read as sent
 * and checked by the route, so that a refusal comes in Open311's format.
 */
const loose = (description: string) => z.unknown().optional().meta({ description });
export const postRequest = z.looseObject({
  api_key: loose('The key (scope cases:file); or the Authorization: Bearer or X-Api-Key header'),
  jurisdiction_id: loose('The code of the key’s body; may be left out'),
  service_code: loose('The code of one of the body’s services (required)'),
  description: loose('The request in the person’s words, 10 to 10,000 characters (required)'),
  email: loose('The person’s address: they confirm the request from a link sent there (required)'),
  first_name: loose('The person’s first name (required)'),
  last_name: loose('The person’s last name (required)'),
  phone: loose('The person’s phone, kept with the pending request only'),
  lang: loose('ar, fr or en: the person’s language (e-mail, case) and the answer’s'),
  lat: loose('Kept as text, added to the case’s description'),
  long: loose('Kept as text, added to the case’s description'),
  address_string: loose('Kept as text, added to the case’s description'),
  media_url: loose('Kept as text, added to the case’s description'),
  attribute: loose('JSON only: {code: value} for the service’s attributes; in a form, attribute[code]=value'),
});

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

/** What the confirmation page shows the person (holder of the e-mailed link), in their language. */
export const confirmation = z.object({
  status: z.enum(['pending', 'confirmed', 'expired']),
  institution: z.string(),
  service: z.string(),
  app: text('The label of the key the request came with (the other system)'),
  name: z.string(),
  email: z.string().nullable(),
  description: z.string().nullable(),
  fields: z.array(z.object({ label: z.string(), value: z.string() })),
  expiresAt: z.string(),
  trackingNumber: z.string().nullable(),
});
