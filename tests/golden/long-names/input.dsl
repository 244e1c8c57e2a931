schema long {
  feature     "long names"
  timestamp   20260104000000
  soft_delete false
}

entity Company global {
  name  string(255)
}

entity CustomerSatisfactionSurveyResponseAggregate {
  averageResponseTimeInBusinessHoursForTheQuarter    integer unique
  averageResponseTimeInBusinessHoursForTheQuarterly  integer unique
  index(averageResponseTimeInBusinessHoursForTheQuarter, averageResponseTimeInBusinessHoursForTheQuarterly)
}
