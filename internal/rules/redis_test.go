package rules

import (
	"slices"
	"testing"
)

func TestSplitRedisArgs(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"DEL a b", []string{"DEL", "a", "b"}},
		{`SET k "a b"`, []string{"SET", "k", "a b"}},
		{`SET k 'it\'s'`, []string{"SET", "k", "it's"}},
		{"  FLUSHALL  ", []string{"FLUSHALL"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := splitRedisArgs(tt.line); !slices.Equal(got, tt.want) {
			t.Errorf("splitRedisArgs(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestRedisTextCommands(t *testing.T) {
	got := redisTextCommands("*2\r\n$3\r\nDEL\r\n$1\r\nk\r\n*1\r\n$8\r\nFLUSHALL\r\n")
	if len(got) != 2 || !slices.Equal(got[0], []string{"DEL", "k"}) || !slices.Equal(got[1], []string{"FLUSHALL"}) {
		t.Errorf("RESP: %q", got)
	}
	got = redisTextCommands("SELECT 3\nFLUSHDB\n")
	if len(got) != 2 || got[1][0] != "FLUSHDB" {
		t.Errorf("inline: %q", got)
	}
}

func TestLocalURL(t *testing.T) {
	for u, want := range map[string]bool{
		"redis://localhost:6379/0":   true,
		"redis://127.0.0.1":          true,
		"redis://cache.prod:6379":    false,
		"redis://:pw@localhost:6379": false,
		"rediss://localhost:6379":    false,
		"$REDIS_URL":                 false,
		"localhost:6379":             true,
	} {
		if got := localURL(u); got != want {
			t.Errorf("localURL(%q) = %v, want %v", u, got, want)
		}
	}
}

func TestJudgeRedis(t *testing.T) {
	all := map[string]bool{"all": true, "keys": true}
	shared := redisTarget{shared: "on cache.prod"}
	tests := []struct {
		cmd    []string
		more   bool
		target redisTarget
		match  bool
	}{
		{[]string{"flushall"}, false, redisTarget{}, true},
		{[]string{"DEL", "k"}, false, redisTarget{}, false},
		{[]string{"DEL", "k"}, false, shared, true},
		{[]string{"DEL"}, true, redisTarget{}, true},
		{[]string{"EXPIRE", "k", "0"}, false, shared, true},
		{[]string{"EXPIRE", "k", "10"}, false, shared, false},
		{[]string{"EXPIREAT", "k", "1"}, false, shared, true},
		{[]string{"EXPIREAT", "k", "4102444800"}, false, shared, false},
		{[]string{"XTRIM", "s", "MAXLEN", "0"}, false, redisTarget{}, true},
		{[]string{"XTRIM", "s", "MINID", "0"}, false, redisTarget{}, false},
		{[]string{"LTRIM", "l", "1", "0"}, false, redisTarget{}, true},
		{[]string{"LTRIM", "l", "0", "99"}, false, shared, false},
		{[]string{"CONFIG", "SET", "dir", "/tmp"}, false, redisTarget{}, true},
		{[]string{"CONFIG", "SET", "timeout", "0"}, false, redisTarget{}, false},
		{[]string{"SHUTDOWN"}, false, redisTarget{}, true},
		{[]string{"REPLICAOF", "NO", "ONE"}, false, redisTarget{}, false},
		{[]string{"EVAL", "return redis.call('flushdb')", "0"}, false, redisTarget{}, true},
		{[]string{"EVAL", "return redis.call('get', KEYS[1])", "1", "k"}, false, shared, false},
		{[]string{"GET", "k"}, true, shared, false},
	}
	for _, tt := range tests {
		if _, ok := judgeRedis(tt.cmd, tt.more, tt.target, all); ok != tt.match {
			t.Errorf("judgeRedis(%q, more=%v, %q) = %v, want %v", tt.cmd, tt.more, tt.target.shared, ok, tt.match)
		}
	}
}

func TestWordParts(t *testing.T) {
	for w, want := range map[string][]string{
		"db:migrate:undo:all": {"db", "migrate", "undo", "all"},
		"ecto.rollback":       {"ecto", "rollback"},
		"rollbackCount":       {"rollback", "count"},
		"down-to":             {"down", "to"},
		"migration:revert":    {"migration", "revert"},
	} {
		if got := wordParts(w); !slices.Equal(got, want) {
			t.Errorf("wordParts(%q) = %q, want %q", w, got, want)
		}
	}
}
