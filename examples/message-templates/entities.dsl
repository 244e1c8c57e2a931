/// Message templates: the pre-approved texts companies send on WhatsApp and other channels.
/// A template's body changes through versions; the provider must approve a version before
/// it can be sent.
schema templates {
  tenant    Company
  feature   "message templates"
  timestamp 20260210093000
}

/// The provider's template categories; they are billed differently.
enum TemplateCategory { marketing utility authentication }

/// Where a template or version stands in the provider's review.
enum ApprovalStatus { draft pending approved rejected paused }

/// A customer company: the tenant root.
entity Company global {
  name  string(255)
}

/// An agent or supervisor who writes templates.
entity User {
  name   string(255)
  email  string(255) unique
}

/// A named message a company sends again and again, with {{1}}-style variables.
entity MessageTemplate {
  /// The provider's rule: lower-case letters, digits and underscores.
  name                string(100) unique check(match "^[a-z0-9_]+$")
  /// BCP 47 language with an underscore, like pt_BR or en.
  language            string(10) = "pt_BR" check(match "^[a-z]{2,3}(_[A-Z]{2})?$")
  category            TemplateCategory = utility
  /// The text of the current version; the provider caps it at 1024 characters.
  body                text check(length 1..1024)
  /// Variables the body uses, in order, like [{"name": "customer_name", "example": "Ana"}].
  variables           jsonb = "[]"
  /// The approval status of the current version.
  status              ApprovalStatus = draft
  /// The template's id at the provider, once it was submitted.
  providerTemplateId  string(100)?
  createdBy           -> User? on delete set null
  versions            <- TemplateVersion[]
}

/// One edit of a template, as submitted for review. Versions are never changed after
/// submission and never deleted while their template exists.
entity TemplateVersion no_soft_delete {
  template         -> MessageTemplate on delete cascade
  /// 1 for the first version, then one more for each edit.
  version          integer check(1..)
  body             text check(length 1..1024)
  variables        jsonb = "[]"
  approvalStatus   ApprovalStatus = draft
  submittedAt      datetime?
  reviewedAt       datetime?
  /// The provider's reason for a rejection, shown to the author.
  rejectionReason  text?
  author           -> User? on delete set null
  unique(template, version)
  check(sql "approval_status <> 'rejected' OR rejection_reason IS NOT NULL")
}
