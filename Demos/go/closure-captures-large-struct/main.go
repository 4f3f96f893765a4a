// Demo for Content/go/closure-captures-large-struct.md: a callback that only
// needs an upload's name, but mentions it as u.Name, captures u and keeps
// the upload's 1 MiB body alive; copying the name into a local first keeps
// only the name.
package main

import (
	"strconv"

	"leakkb.dev/demos/internal/measure"
)

const bodySize = 1 << 20

type upload struct {
	Name string
	Body []byte
	Tags map[string]string
}

func receive(i int) upload {
	u := upload{Name: "upload-" + strconv.Itoa(i), Body: make([]byte, bodySize)}
	for j := range u.Body {
		u.Body[j] = byte(i + j)
	}
	return u
}

// registry stands for a long-lived list of completion callbacks, such as
// hooks run at shutdown or an audit log flushed later.
type registry struct{ onDone []func() string }

func main() {
	measure.Main(measure.Demo{
		Scale: 64,
		Leaky: func(r *measure.Run) any {
			reg := &registry{}
			for i := 0; i < r.Scale; i++ {
				u := receive(i)
				reg.onDone = append(reg.onDone, func() string {
					return "stored " + u.Name // captures u, body included
				})
			}
			return reg
		},
		Fixed: func(r *measure.Run) any {
			reg := &registry{}
			for i := 0; i < r.Scale; i++ {
				u := receive(i)
				name := u.Name // copy the one field the callback needs
				reg.onDone = append(reg.onDone, func() string {
					return "stored " + name
				})
			}
			return reg
		},
	})
}
