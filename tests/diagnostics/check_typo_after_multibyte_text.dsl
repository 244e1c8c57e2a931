// expect: E0127
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Queue {
	greeting string(40) = "Olá, você está na fila" check(lenght 1..40)
}
