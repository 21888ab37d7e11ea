package batch

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// Shard is one part of a batch split n ways: Index is 1-based. The zero
// Shard selects everything.
type Shard struct {
	Index, Count int
}

// ParseShard reads "i/n" with 1 <= i <= n.
func ParseShard(s string) (Shard, error) {
	is, ns, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(is))
	n, err2 := strconv.Atoi(strings.TrimSpace(ns))
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return Shard{}, fmt.Errorf("%q: expected i/n with 1 <= i <= n, such as 1/4", s)
	}
	return Shard{Index: i, Count: n}, nil
}

// All reports whether the shard selects every order.
func (s Shard) All() bool { return s.Count <= 1 }

func (s Shard) String() string {
	if s.All() {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}

// Selects reports whether the order folder rel (slash path relative to the
// batch root) belongs to this shard. The choice depends only on rel and n,
// never on which other orders exist, so the n shards are disjoint, cover
// every order, and an order stays in its shard as the backlog grows.
func (s Shard) Selects(rel string) bool {
	if s.All() {
		return true
	}
	sum := sha256.Sum256([]byte(rel))
	return int(binary.BigEndian.Uint64(sum[:8])%uint64(s.Count))+1 == s.Index
}
