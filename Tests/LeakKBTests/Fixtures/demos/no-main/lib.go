// Fixture: a library, not a program.
package lib

func Value() int { return 1 }
