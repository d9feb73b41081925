import type { Translation } from '../../shared/plurals.js';
import type { identityEn } from './identity.en.js';

/** French texts of sign-in through an identity provider and the identity levels. */
export const identityFr: Translation<typeof identityEn, 'fr'> = {
  'idp.title': 'Ou connectez-vous avec un fournisseur d’identité',
  'idp.button': 'Se connecter avec {{provider}}',
  'idp.error.state':
    'La connexion avec le fournisseur d’identité n’a pas pu aboutir : elle a pris trop de temps ou a été commencée dans une autre fenêtre. Réessayez.',
  'idp.error.nonce':
    'La réponse du fournisseur d’identité n’était pas destinée à cette connexion. Rien n’a été créé. Réessayez.',
  'idp.error.issuer':
    'La réponse ne venait pas du fournisseur d’identité choisi. Rien n’a été créé. Réessayez.',
  'idp.error.expired':
    'La réponse du fournisseur d’identité a expiré. Rien n’a été créé. Réessayez ; si cela se reproduit, vérifiez la date et l’heure de votre appareil.',
  'idp.error.signature': 'La réponse du fournisseur d’identité n’a pas pu être vérifiée. Rien n’a été créé.',
  'idp.error.invalid_response':
    'La réponse du fournisseur d’identité est inutilisable. Rien n’a été créé. Réessayez plus tard ou connectez-vous avec votre adresse e-mail.',
  'idp.error.provider_error':
    'Le fournisseur d’identité a refusé la connexion. Réessayez plus tard ou connectez-vous avec votre adresse e-mail.',
  'idp.error.provider_unreachable':
    'Le fournisseur d’identité est injoignable pour le moment. Réessayez plus tard ou connectez-vous avec votre adresse e-mail.',
  'idp.error.denied': 'Vous avez annulé la connexion chez le fournisseur d’identité. Rien n’a été créé.',
  'idp.error.email_taken':
    'Un compte existe déjà avec l’adresse e-mail donnée par le fournisseur d’identité. Connectez-vous avec cette adresse (mot de passe ou code), puis liez le fournisseur depuis votre profil.',
  'idp.error.account_disabled': 'Le compte lié à cette identité est désactivé.',
  'idp.error.linked_elsewhere':
    'Cette identité est déjà liée à un autre compte. Connectez-vous avec elle pour utiliser ce compte, ou retirez-la d’abord de celui-ci.',
  'idp.levels.title': 'Comment votre identité est confirmée',
  'idp.levels.lead':
    'Certaines demandes exigent une identité confirmée. Voici ce qui est confirmé sur votre compte.',
  'idp.level.email': 'Adresse e-mail confirmée par un code',
  'idp.level.identityProvider': 'Identité confirmée par un fournisseur d’identité',
  'idp.level.done': 'Fait',
  'idp.level.notYet': 'Pas encore',
  'idp.level.howProvider': 'Liez un fournisseur d’identité ci-dessous.',
  'idp.linked.title': 'Fournisseurs d’identité',
  'idp.linked.none': 'Aucun fournisseur d’identité n’est lié à votre compte.',
  'idp.linked.since': 'Lié le {{date}}',
  'idp.linked.unknown': 'Un fournisseur qui n’est plus proposé',
  'idp.link': 'Lier {{provider}}',
  'idp.unlink': 'Retirer {{provider}}',
  'idp.unlinkConfirm': 'Retirer {{provider}} ? Vous ne pourrez plus vous connecter avec lui.',
  'idp.linkedNotice': '{{provider}} est maintenant lié à votre compte.',
  'idp.unlinkedNotice': 'Le fournisseur a été retiré.',
};
