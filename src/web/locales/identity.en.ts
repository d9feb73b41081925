/** Texts of sign-in through an identity provider and the identity levels (citizens). English: the reference. */
export const identityEn = {
  'idp.title': 'Or sign in with an identity provider',
  'idp.button': 'Sign in with {{provider}}',
  'idp.error.state':
    'The sign-in with the identity provider could not be completed: it took too long or was started in another window. Try again.',
  'idp.error.nonce':
    'The identity provider’s answer was not meant for this sign-in. Nothing was created. Try again.',
  'idp.error.issuer':
    'The answer did not come from the identity provider you chose. Nothing was created. Try again.',
  'idp.error.expired':
    'The identity provider’s answer has expired. Nothing was created. Try again; if it happens again, check the date and time of your device.',
  'idp.error.signature': 'The identity provider’s answer could not be verified. Nothing was created.',
  'idp.error.invalid_response':
    'The identity provider’s answer could not be used. Nothing was created. Try again later or sign in with your e-mail address.',
  'idp.error.provider_error':
    'The identity provider refused the sign-in. Try again later or sign in with your e-mail address.',
  'idp.error.provider_unreachable':
    'The identity provider cannot be reached at the moment. Try again later or sign in with your e-mail address.',
  'idp.error.denied': 'You cancelled the sign-in at the identity provider. Nothing was created.',
  'idp.error.email_taken':
    'An account with the e-mail address given by the identity provider already exists. Sign in with that e-mail address (password or code), then link the provider from your profile.',
  'idp.error.account_disabled': 'The account linked to this identity is disabled.',
  'idp.error.linked_elsewhere':
    'This identity is already linked to another account. Sign in with it to use that account, or unlink it there first.',
  'idp.levels.title': 'How your identity is confirmed',
  'idp.levels.lead': 'Some requests ask for a confirmed identity. Here is what is confirmed on your account.',
  'idp.level.email': 'E-mail address confirmed with a code',
  'idp.level.identityProvider': 'Identity confirmed by an identity provider',
  'idp.level.done': 'Done',
  'idp.level.notYet': 'Not yet',
  'idp.level.howProvider': 'Link an identity provider below.',
  'idp.linked.title': 'Identity providers',
  'idp.linked.none': 'No identity provider is linked to your account.',
  'idp.linked.since': 'Linked on {{date}}',
  'idp.linked.unknown': 'A provider no longer offered',
  'idp.link': 'Link {{provider}}',
  'idp.unlink': 'Unlink {{provider}}',
  'idp.unlinkConfirm': 'Unlink {{provider}}? You will no longer be able to sign in with it.',
  'idp.linkedNotice': '{{provider}} is now linked to your account.',
  'idp.unlinkedNotice': 'The provider was unlinked.',
} as const;
