/// Payments: companies charge their customers through a payment provider and refund them.
/// Money rows are never deleted: transactions and refunds have no soft delete, and a
/// customer with transactions can't be removed from the database.
schema payments {
  tenant    Company
  feature   "payments"
  timestamp 20260205080000
}

/// The provider that processed a transaction.
enum PaymentProvider { stripe pagarme mercado_pago }

/// How the customer paid.
enum PaymentMethod { card pix boleto }

/// A transaction's lifecycle: authorized money is reserved, captured money is collected.
enum TransactionStatus { pending authorized captured failed canceled refunded partially_refunded }

enum RefundStatus { pending succeeded failed }

/// Why a refund was made, as the provider's dispute reports want it.
enum RefundReason { requested_by_customer duplicate fraudulent other }

/// A customer company: the tenant root.
entity Company global {
  name      string(255)
  /// Company registry number (CNPJ), digits only.
  document  string(14)? unique check(match "^[0-9]{14}$")
}

/// Someone a company charges.
entity Customer {
  name                string(255)
  email               string(255)? unique
  /// CPF (11 digits) or CNPJ (14 digits), digits only.
  document            string(14)? check(match "^([0-9]{11}|[0-9]{14})$")
  /// The customer's id at the provider, once it has one.
  providerCustomerId  string(255)? unique
  transactions        <- PaymentTransaction[]
}

/// One charge of one customer.
entity PaymentTransaction no_soft_delete {
  customer           -> Customer
  /// Amount charged, in the currency's major unit (reais, not centavos).
  amount             decimal(12, 2) check(0.01..9999999999.99)
  /// ISO 4217 code, upper case.
  currency           string(3) = "BRL" check(match "^[A-Z]{3}$")
  status             TransactionStatus = pending
  method             PaymentMethod
  provider           PaymentProvider
  /// The provider's id for the charge (like Stripe's pi_...), set once the provider answers.
  providerReference  string(255)?
  /// Sent by the client with the request; a retried request with the same key returns the
  /// first transaction instead of charging twice.
  idempotencyKey     string(64) unique
  description        string(255)?
  /// Sum of the succeeded refunds, kept by the application with each refund.
  refundedAmount     decimal(12, 2) = 0 check(0..)
  /// The provider's error code of a failed charge, like "card_declined".
  failureCode        string(100)?
  metadata           jsonb = "{}"
  authorizedAt       datetime?
  capturedAt         datetime?
  refunds            <- Refund[]
  unique(provider, providerReference)
  check(sql "refunded_amount <= amount")
  // The dashboard's transaction list: newest first, by status.
  index(company, status, createdAt desc)
}

/// Money returned to the customer of a captured transaction, in full or in part.
entity Refund no_soft_delete {
  transaction        -> PaymentTransaction
  amount             decimal(12, 2) check(0.01..9999999999.99)
  status             RefundStatus = pending
  reason             RefundReason = requested_by_customer
  /// Free text shown to the company's staff, never to the customer.
  note               text?
  providerReference  string(255)?
  idempotencyKey     string(64) unique
  processedAt        datetime?
  unique(providerReference)
}
