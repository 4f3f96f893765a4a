package main

// This file stands for a C library with the usual callback API: the caller
// passes a function's argument as an opaque integer ("user data") and the
// library hands it back when the work is done. The definitions live here,
// apart from main.go, because a file with //export may declare C functions
// but not define them.

/*
#include <stdint.h>

extern void goJobDone(uintptr_t userData, int status);

// submitJob does its work synchronously here and reports through the
// callback; a real library might do so later, from another thread.
void submitJob(uintptr_t userData, int input) {
	goJobDone(userData, input % 7);
}
*/
import "C"
