/// Every column type with every form of default the language has, nullable and not: the
/// SQL migration and the sequelize-cli migration must give the same catalog for each, and the
/// models must read back what the database stored.
schema column_types {
  tenant    Company
  feature   "column types"
  timestamp 20260301090000
}

/// A value with a spelling that is not an identifier.
enum Level { low medium high "very-high" }

/// The tenant.
entity Company global {
  name  string(255)
}

/// One column per type and default.
entity Sample no_soft_delete {
  label          string(40) = "plain"
  quoted         string(40) = "it's \"quoted\" \\ and\nsplit"
  emptyText      text = ""
  textNull       text? = null
  count          integer = 0
  negative       integer = -42
  big            bigint = 9007199254740993
  bigNull        bigint?
  small          smallint = 32767
  price          decimal(12, 2) = 19.90
  wholeAmount    decimal(8) = 7
  anyNumber      decimal = 0.000001
  ratio          real = 1.5
  ratioZero      real = 0
  score          double = 0
  scoreFraction  double = -2.25
  scoreNull      double?
  active         boolean = true
  archived       boolean = false
  bornOn         date = "2000-02-29"
  today          date = now()
  dateNull       date?
  seenAt         datetime = now()
  fixedAt        datetime = "2026-01-31 12:00:00+00"
  token          uuid = uuid()
  fixedToken     uuid = "0f8fad5b-d9cb-469f-a165-70867728950e"
  metaObject     jsonb = "{\"tags\": [], \"n\": 1}"
  metaList       jsonb = "[]"
  rawJson        json = "{\"a\": 1}"
  jsonNull       jsonb?
  level          Level = medium
  levelQuoted    Level = "very-high"
  levelNull      Level?
  sqlToken       uuid = sql "md5(random()::text)::uuid"
  sqlLabel       string(40) = sql "''::character varying"
  sqlCount       integer = sql "(1 + 2)"
  sqlNull        string(10)? = sql "NULL::character varying"
}
