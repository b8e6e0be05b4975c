package rules

import (
	"testing"

	"github.com/guardsh/guard/internal/parse"
)

func TestTestDBCode(t *testing.T) {
	tests := []struct {
		cmd  string
		want bool
	}{
		{`MONGO_URL=mongodb://localhost:27017 node -e "require('mongodb').MongoClient.connect(process.env.MONGO_URL).then(c => c.db('app_test').dropDatabase())"`, true},
		{`python3 -c "from pymongo import MongoClient; MongoClient('mongodb://127.0.0.1').drop_database('app_test')"`, true},
		// The environment variable is not set on the command line.
		{`node -e "require('mongodb').MongoClient.connect(process.env.MONGO_URL).then(c => c.db('app_test').dropDatabase())"`, false},
		// Another host.
		{`MONGO_URL=mongodb://db.internal node -e "require('mongodb').MongoClient.connect(process.env.MONGO_URL).then(c => c.db('app_test').dropDatabase())"`, false},
		// A database that is not a test one, anywhere in the code.
		{`python3 -c "from pymongo import MongoClient; c = MongoClient('mongodb://localhost'); c.drop_database('app_test'); c.drop_database('app')"`, false},
		// No database named.
		{`python3 -c "from pymongo import MongoClient; MongoClient('mongodb://localhost').list_database_names()"`, false},
		// A production word.
		{`MONGO_URL=mongodb://localhost/prod node -e "require('mongodb').MongoClient.connect(process.env.MONGO_URL).then(c => c.db('app_test').dropDatabase())"`, false},
	}
	for _, tt := range tests {
		invs := parse.Command(tt.cmd, parse.Options{Dir: "/w", Home: "/root"})
		got := false
		for _, inv := range invs {
			got = got || testDBCode(inv, &Context{Dir: "/w", Home: "/root"})
		}
		if got != tt.want {
			t.Errorf("testDBCode(%s) = %v, want %v", tt.cmd, got, tt.want)
		}
	}
}
