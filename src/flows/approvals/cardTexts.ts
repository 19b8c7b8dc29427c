// The fixed texts of the purchase-request cards in English and French ("{name}" placeholders, filled with fill()).
import type { ApprovalCardData } from '../../cards/data/approvals.js';
import type { Language } from '../../domain/ids.js';

export interface ApprovalTexts {
  readonly approval: {
    readonly title: string;
    readonly statusPending: string;
    /** "{name}" placeholders. */
    readonly statusApproved: string;
    readonly statusRejected: string;
    readonly statusCanceled: string;
    readonly statusExpired: string;
    readonly messageRequester: string;
    readonly messageReadOnly: string;
    readonly messageNoAccess: string;
    readonly messageForeign: string;
    readonly messageDemoted: string;
    readonly messageNotFound: string;
    /** "{date}" placeholder. */
    readonly messageExpired: string;
    readonly requestedBy: string;
    readonly addon: string;
    readonly baseSubscription: string;
    readonly quantity: string;
    readonly frequency: string;
    readonly justification: string;
    readonly requestedOn: string;
    readonly expiresOn: string;
    readonly decidedOn: string;
    readonly comment: string;
    readonly orderNumber: string;
    readonly requestNumber: string;
    /** The approval card's own labels, as its data declares them. */
    readonly labels: ApprovalCardData['labels'];
  };
  readonly requestApproval: {
    readonly title: string;
    readonly intro: string;
    readonly justification: string;
    readonly justificationPlaceholder: string;
    readonly send: string;
    readonly cancel: string;
  };
  readonly requests: {
    readonly titleMine: string;
    readonly titleAll: string;
    readonly introMine: string;
    readonly introAll: string;
    readonly emptyMine: string;
    readonly emptyAll: string;
    /** "{date}" placeholder. */
    readonly pendingUntil: string;
    readonly review: string;
    readonly next: string;
    readonly buy: string;
  };
}

const EN: ApprovalTexts = {
  approval: {
    title: 'Purchase request',
    statusPending: 'Waiting for approval',
    statusApproved: 'Approved by {name}',
    statusRejected: 'Rejected by {name}',
    statusCanceled: 'Canceled by {name}',
    statusExpired: 'Expired',
    messageRequester: 'Your request is waiting for a global or billing admin. You can cancel it until one of them decides.',
    messageReadOnly: 'A global or billing admin of the organization can approve or reject this request.',
    messageNoAccess: 'Only the requester and the organization’s global and billing admins can see this request.',
    messageForeign: 'This card belongs to another organization. Nothing was changed.',
    messageDemoted: 'Only a global admin or a billing admin can approve or reject purchase requests, and your role doesn’t allow it. Nothing was changed.',
    messageNotFound: 'This request can’t be found in your organization. Nothing was changed.',
    messageExpired: 'Nobody decided within 7 days, so the request expired on {date}. Nothing was ordered.',
    requestedBy: 'Requested by',
    addon: 'Add-on',
    baseSubscription: 'For subscription',
    quantity: 'Quantity',
    frequency: 'Billing frequency',
    justification: 'Why',
    requestedOn: 'Requested on',
    expiresOn: 'Expires on',
    decidedOn: 'Decided on',
    comment: 'Comment',
    orderNumber: 'Order number',
    requestNumber: 'Request',
    labels: {
      approve: 'Approve',
      approveAgain: 'Approve at the new price',
      reject: 'Reject',
      cancelRequest: 'Cancel request',
      comment: 'Comment (optional)',
      commentPlaceholder: 'Shown to the requester',
      refresh: 'Refresh',
    },
  },
  requestApproval: {
    title: 'Request approval',
    intro: 'Only global and billing admins can buy add-ons. I’ll send this request to them: when one of them approves, the order is placed at the price of that moment.',
    justification: 'Why do you need it? (optional)',
    justificationPlaceholder: 'E.g. our auditors asked for it',
    send: 'Send request',
    cancel: 'Cancel',
  },
  requests: {
    titleMine: 'Your purchase requests',
    titleAll: 'Purchase requests',
    introMine: 'Newest first.',
    introAll: 'Every purchase request of your organization, newest first.',
    emptyMine: 'You haven’t requested any purchase yet. Type buy to ask for an add-on.',
    emptyAll: 'There are no purchase requests in your organization.',
    pendingUntil: 'Waiting for approval until {date}',
    review: 'Review',
    next: 'Next',
    buy: 'Buy an add-on',
  },
};

const FR: ApprovalTexts = {
  approval: {
    title: 'Demande d’achat',
    statusPending: 'En attente d’approbation',
    statusApproved: 'Approuvée par {name}',
    statusRejected: 'Rejetée par {name}',
    statusCanceled: 'Annulée par {name}',
    statusExpired: 'Expirée',
    messageRequester: 'Votre demande attend un administrateur général ou de facturation. Vous pouvez l’annuler tant qu’aucun d’eux n’a décidé.',
    messageReadOnly: 'Un administrateur général ou de facturation de l’organisation peut approuver ou rejeter cette demande.',
    messageNoAccess: 'Seuls le demandeur et les administrateurs généraux et de facturation de l’organisation peuvent voir cette demande.',
    messageForeign: 'Cette carte appartient à une autre organisation. Rien n’a été modifié.',
    messageDemoted: 'Seul un administrateur général ou un administrateur de facturation peut approuver ou rejeter les demandes d’achat, et votre rôle ne le permet pas. Rien n’a été modifié.',
    messageNotFound: 'Cette demande est introuvable dans votre organisation. Rien n’a été modifié.',
    messageExpired: 'Personne n’a décidé en 7 jours : la demande a expiré le {date}. Rien n’a été commandé.',
    requestedBy: 'Demandé par',
    addon: 'Module complémentaire',
    baseSubscription: 'Pour l’abonnement',
    quantity: 'Quantité',
    frequency: 'Fréquence de facturation',
    justification: 'Motif',
    requestedOn: 'Demandé le',
    expiresOn: 'Expire le',
    decidedOn: 'Décidé le',
    comment: 'Commentaire',
    orderNumber: 'Numéro de commande',
    requestNumber: 'Demande',
    labels: {
      approve: 'Approuver',
      approveAgain: 'Approuver au nouveau prix',
      reject: 'Rejeter',
      cancelRequest: 'Annuler la demande',
      comment: 'Commentaire (facultatif)',
      commentPlaceholder: 'Visible par le demandeur',
      refresh: 'Actualiser',
    },
  },
  requestApproval: {
    title: 'Demander une approbation',
    intro: 'Seuls les administrateurs généraux et de facturation peuvent acheter des modules. Je leur envoie cette demande : quand l’un d’eux l’approuve, la commande est passée au prix de ce moment-là.',
    justification: 'Pourquoi en avez-vous besoin ? (facultatif)',
    justificationPlaceholder: 'Par exemple : demandé par nos auditeurs',
    send: 'Envoyer la demande',
    cancel: 'Annuler',
  },
  requests: {
    titleMine: 'Vos demandes d’achat',
    titleAll: 'Demandes d’achat',
    introMine: 'Les plus récentes d’abord.',
    introAll: 'Toutes les demandes d’achat de votre organisation, les plus récentes d’abord.',
    emptyMine: 'Vous n’avez encore demandé aucun achat. Tapez acheter pour demander un module.',
    emptyAll: 'Il n’y a aucune demande d’achat dans votre organisation.',
    pendingUntil: 'En attente d’approbation jusqu’au {date}',
    review: 'Examiner',
    next: 'Suivant',
    buy: 'Acheter un module',
  },
};

export const APPROVAL_TEXTS: Readonly<Record<Language, ApprovalTexts>> = { en: EN, fr: FR };
