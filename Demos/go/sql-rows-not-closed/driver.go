package main

// A tiny in-memory database/sql driver, standing in for a real one (pq, pgx,
// mysql) so that the demo needs no server. Each connection holds a buffer
// the size of a typical driver's socket buffers, and the driver counts the
// connections it has open, as the server would.

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"sync/atomic"
)

const connBufferSize = 16 << 10

type memDriver struct {
	open atomic.Int64 // connections opened and not yet closed
}

var theDriver = &memDriver{}

func init() { sql.Register("memdb", theDriver) }

func (d *memDriver) Open(string) (driver.Conn, error) {
	d.open.Add(1)
	return &memConn{d: d, buf: make([]byte, connBufferSize)}, nil
}

type memConn struct {
	d      *memDriver
	buf    []byte
	closed bool
}

var errNoPrepare = errors.New("memdb: prepared statements not supported")

func (c *memConn) Prepare(string) (driver.Stmt, error) { return nil, errNoPrepare }
func (c *memConn) Begin() (driver.Tx, error)           { return memTx{}, nil }

func (c *memConn) Close() error {
	if !c.closed {
		c.closed = true
		c.d.open.Add(-1)
	}
	return nil
}

// QueryContext answers every query with three rows (id, name).
func (c *memConn) QueryContext(context.Context, string, []driver.NamedValue) (driver.Rows, error) {
	return &memRows{left: 3}, nil
}

func (c *memConn) ExecContext(context.Context, string, []driver.NamedValue) (driver.Result, error) {
	return driver.RowsAffected(1), nil
}

type memTx struct{}

func (memTx) Commit() error   { return nil }
func (memTx) Rollback() error { return nil }

type memRows struct{ left int }

func (r *memRows) Columns() []string { return []string{"id", "name"} }
func (r *memRows) Close() error      { return nil }

func (r *memRows) Next(dest []driver.Value) error {
	if r.left == 0 {
		return io.EOF
	}
	dest[0], dest[1] = int64(r.left), "user"
	r.left--
	return nil
}
