package main

import (
	"reflect"
	"strings"
	"unsafe"
)

// countLocks walks everything reachable from root and counts the values
// whose type is named Mutex or RWMutex (sync's, or internal/sync's on Go
// 1.24+). It reads unexported fields through reflection without changing
// them; it exists to count locks, not to be a general-purpose walker.
func countLocks(root any) int {
	w := &lockWalker{seen: map[seenKey]bool{}}
	w.walk(reflect.ValueOf(root))
	return w.locks
}

type seenKey struct {
	addr uintptr
	typ  reflect.Type
}

type lockWalker struct {
	seen  map[seenKey]bool
	locks int
	// indirectType is the trie's inner-node type, learnt from the root. The
	// trie's child pointers are typed as the small header both node kinds
	// start with, so the walker needs it to follow an inner node.
	indirectType reflect.Type
}

func (w *lockWalker) walk(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			w.visit(v.Type().Elem(), unsafe.Pointer(v.Pointer()))
		}
	case reflect.Interface:
		if !v.IsNil() {
			w.walk(v.Elem())
		}
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			w.walk(v.Index(i))
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			w.walk(it.Key())
			w.walk(it.Value())
		}
	case reflect.Struct:
		w.walkStruct(v)
	}
}

func (w *lockWalker) visit(t reflect.Type, p unsafe.Pointer) {
	k := seenKey{uintptr(p), t}
	if w.seen[k] {
		return
	}
	w.seen[k] = true
	w.walk(reflect.NewAt(t, p).Elem())
}

func (w *lockWalker) walkStruct(v reflect.Value) {
	t := v.Type()
	name := t.Name()
	switch {
	case name == "Mutex" || name == "RWMutex":
		w.locks++
		return
	case t.PkgPath() == "sync/atomic" && strings.HasPrefix(name, "Pointer["):
		// atomic.Pointer[T] hides its pointer in an unsafe.Pointer; T is
		// known from its zero-length [0]*T field.
		p := unsafe.Pointer(v.FieldByName("v").Pointer())
		if p == nil {
			return
		}
		elem := t.Field(0).Type.Elem().Elem()
		if strings.HasPrefix(elem.Name(), "indirect[") {
			w.indirectType = elem
		}
		if strings.HasPrefix(elem.Name(), "node[") {
			isEntry := reflect.NewAt(elem, p).Elem().Field(0).Bool()
			if isEntry || w.indirectType == nil {
				return // a leaf: key, value, no lock
			}
			elem = w.indirectType
		}
		w.visit(elem, p)
		return
	}
	for i := 0; i < v.NumField(); i++ {
		w.walk(v.Field(i))
	}
}
