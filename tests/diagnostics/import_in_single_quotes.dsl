// expect: E0139
import 'other.dsl'
