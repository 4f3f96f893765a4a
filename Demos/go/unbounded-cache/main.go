// Demo for Content/go/unbounded-cache.md: a package-level map used as a cache
// with no eviction keeps one entry per distinct key ever seen; a bounded LRU
// keeps at most its capacity.
package main

import (
	"container/list"
	"strconv"

	"leakkb.dev/demos/internal/measure"
)

const valueSize = 1024

// misses counts calls to render: how much work the cache failed to save.
var misses int

// render stands for the expensive work the cache is meant to save.
func render(key string) []byte {
	misses++
	page := make([]byte, valueSize)
	copy(page, key)
	return page
}

// key returns the key of request i: half of the requests go to 256 popular
// pages, the other half to pages nobody asks for twice (search queries,
// session ids, URLs with tracking parameters).
func key(i int) string {
	if i%2 == 0 {
		return "page:" + strconv.Itoa(i%512)
	}
	return "query:" + strconv.Itoa(i)
}

// pages is the leaky cache: it only ever grows.
var pages = map[string][]byte{}

func getUnbounded(k string) []byte {
	if v, ok := pages[k]; ok {
		return v
	}
	v := render(k)
	pages[k] = v
	return v
}

// lru is the fixed cache: a map for lookups plus a list in recency order;
// inserting beyond capacity evicts the least recently used entry.
type lru struct {
	capacity int
	order    *list.List // front = most recently used
	index    map[string]*list.Element
}

type entry struct {
	key   string
	value []byte
}

func newLRU(capacity int) *lru {
	return &lru{capacity: capacity, order: list.New(), index: make(map[string]*list.Element, capacity)}
}

func (c *lru) get(k string) []byte {
	if el, ok := c.index[k]; ok {
		c.order.MoveToFront(el)
		return el.Value.(*entry).value
	}
	v := render(k)
	c.index[k] = c.order.PushFront(&entry{key: k, value: v})
	if c.order.Len() > c.capacity {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.index, oldest.Value.(*entry).key)
	}
	return v
}

var bounded = newLRU(1024)

func main() {
	measure.Main(measure.Demo{
		Scale: 200_000,
		Leaky: func(r *measure.Run) any {
			for i := 0; i < r.Scale; i++ {
				getUnbounded(key(i))
			}
			r.Record("cache_entries", float64(len(pages)))
			r.Record("misses", float64(misses))
			return pages
		},
		Fixed: func(r *measure.Run) any {
			for i := 0; i < r.Scale; i++ {
				bounded.get(key(i))
			}
			r.Record("cache_entries", float64(len(bounded.index)))
			r.Record("misses", float64(misses))
			return bounded
		},
	})
}
