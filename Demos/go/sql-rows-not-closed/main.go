// Demo for Content/go/sql-rows-not-closed.md: a *sql.Rows (or *sql.Tx) holds
// its connection until it is closed, read to the end, or committed/rolled
// back. Code that reads only the first row and returns, or returns early
// from a transaction, never gives the connection back: the pool opens a new
// one for the next query, or, once SetMaxOpenConns is reached, makes every
// later query wait forever.
package main

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"leakkb.dev/demos/internal/measure"
)

// firstNameLeaky reads one row and returns: the rows (three of them) are
// neither exhausted nor closed, so the connection stays busy.
func firstNameLeaky(ctx context.Context, db *sql.DB) (string, error) {
	rows, err := db.QueryContext(ctx, "SELECT id, name FROM users WHERE team = ?", 1)
	if err != nil {
		return "", err
	}
	var id int64
	var name string
	if rows.Next() {
		err = rows.Scan(&id, &name)
	}
	return name, err
}

// firstNameFixed closes the rows whatever happens, which returns the
// connection to the pool.
func firstNameFixed(ctx context.Context, db *sql.DB) (string, error) {
	rows, err := db.QueryContext(ctx, "SELECT id, name FROM users WHERE team = ?", 1)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var id int64
	var name string
	if rows.Next() {
		err = rows.Scan(&id, &name)
	}
	if err == nil {
		err = rows.Err()
	}
	return name, err
}

var errInvalid = errors.New("transfer: amount must be positive")

// transferLeaky returns early on a validation error without ending the
// transaction, which keeps its connection.
func transferLeaky(db *sql.DB, amount int) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if amount <= 0 {
		return errInvalid
	}
	if _, err := tx.Exec("UPDATE accounts SET balance = balance - ?", amount); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// transferFixed defers Rollback, which is a no-op after a successful Commit.
func transferFixed(db *sql.DB, amount int) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if amount <= 0 {
		return errInvalid
	}
	if _, err := tx.Exec("UPDATE accounts SET balance = balance - ?", amount); err != nil {
		return err
	}
	return tx.Commit()
}

type lookup func(context.Context, *sql.DB) (string, error)
type transfer func(*sql.DB, int) error

func open() *sql.DB {
	db, err := sql.Open("memdb", "")
	if err != nil {
		panic(err)
	}
	return db
}

func run(r *measure.Run, find lookup, move transfer) any {
	bg := context.Background()

	// 1. Unbounded pool (the default): lookups with a context that is never
	// cancelled, as from a background job or context.Background().
	db := open()
	for i := 0; i < r.Scale; i++ {
		if _, err := find(bg, db); err != nil {
			panic(err)
		}
	}
	s := db.Stats()
	r.Record("open_connections", float64(s.OpenConnections))
	r.Record("in_use", float64(s.InUse))
	r.Record("driver_conns", float64(theDriver.open.Load()))

	// 2. Transactions abandoned on a validation error (every other one).
	txdb := open()
	for i := 0; i < r.Scale/10; i++ {
		move(txdb, i%2) // amount 0 is invalid; the error is the expected outcome
	}
	r.Record("tx_in_use", float64(txdb.Stats().InUse))

	// 3. A pool capped at 4 connections: each lookup runs in its own goroutine
	// (a request handler); the caller gives up waiting after 50 ms. Leaked
	// rows use up the cap, then every lookup waits for a connection forever.
	capped := open()
	capped.SetMaxOpenConns(4)
	answered := 0
	for i := 0; i < 20; i++ {
		done := make(chan struct{}, 1)
		go func() {
			if _, err := find(bg, capped); err == nil {
				done <- struct{}{}
			}
		}()
		select {
		case <-done:
			answered++
		case <-time.After(50 * time.Millisecond):
		}
	}
	r.Record("capped_answered", float64(answered))
	r.RecordAtEnd("capped_wait_count", func() float64 { return float64(capped.Stats().WaitCount) })

	// 4. Lookups under a request context that is cancelled when the request
	// ends: database/sql closes rows whose context is done.
	reqdb := open()
	cancels := make([]context.CancelFunc, 100)
	for i := range cancels {
		ctx, cancel := context.WithCancel(bg)
		cancels[i] = cancel
		if _, err := find(ctx, reqdb); err != nil {
			panic(err)
		}
	}
	r.Record("req_in_use_before_cancel", float64(reqdb.Stats().InUse))
	for _, cancel := range cancels {
		cancel()
	}
	r.RecordAtEnd("req_in_use_after_cancel", func() float64 { return float64(reqdb.Stats().InUse) })

	return []*sql.DB{db, txdb, capped, reqdb}
}

func main() {
	measure.Main(measure.Demo{
		Scale: 1000,
		Leaky: func(r *measure.Run) any { return run(r, firstNameLeaky, transferLeaky) },
		Fixed: func(r *measure.Run) any { return run(r, firstNameFixed, transferFixed) },
	})
}
