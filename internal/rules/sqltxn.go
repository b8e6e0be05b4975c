package rules

// rolledBack reports whether the statement at token i runs inside a
// transaction that the same text rolls back: BEGIN (or START TRANSACTION,
// BEGIN TRAN) before it and a plain ROLLBACK (or PostgreSQL's ABORT)
// after it, with no COMMIT, END, PREPARE TRANSACTION or ROLLBACK TO in
// between. A DELETE or UPDATE there changes nothing: the rows are back
// when the ROLLBACK runs. A statement between them that commits on its
// own in MySQL or Oracle (CREATE, DROP, ALTER, TRUNCATE, RENAME, GRANT,
// REVOKE, LOCK) makes the earlier rows' loss permanent there, so the
// transaction does not count. Only data statements (DELETE, UPDATE)
// use it: DDL is undone by a rollback in some databases only.
func rolledBack(toks []sqlToken, i int) bool {
	depth := toks[i].depth
	began := false
	for k := i - 1; k >= 0; k-- {
		if toks[k].depth != depth || !startsStatement(toks, k) || toks[k].quoted {
			continue
		}
		if beginsTransaction(toks, k) {
			began = true
			break
		}
		if endsTransaction(toks, k) != "" || commitsImplicitly(toks[k].word) {
			return false
		}
	}
	if !began {
		return false
	}
	for k := i + 1; k < len(toks); k++ {
		if toks[k].depth != depth || !startsStatement(toks, k) || toks[k].quoted {
			continue
		}
		switch endsTransaction(toks, k) {
		case "rollback":
			return true
		case "commit":
			return false
		}
		if commitsImplicitly(toks[k].word) || beginsTransaction(toks, k) {
			return false
		}
	}
	return false
}

// beginsTransaction reports whether the statement at token k opens a
// transaction: BEGIN; BEGIN TRANSACTION, BEGIN WORK, BEGIN TRAN, BEGIN
// ISOLATION LEVEL ..., SQLite's BEGIN IMMEDIATE, and START TRANSACTION.
// A PL/pgSQL or T-SQL block's BEGIN, followed by a statement, is not one.
func beginsTransaction(toks []sqlToken, k int) bool {
	next := ""
	endNext := k+1 >= len(toks) || toks[k+1].punct == ';'
	if k+1 < len(toks) {
		next = toks[k+1].word
	}
	switch toks[k].word {
	case "BEGIN":
		switch next {
		case "TRANSACTION", "WORK", "TRAN", "ISOLATION", "READ", "DEFERRED", "IMMEDIATE", "EXCLUSIVE", "DISTRIBUTED":
			return true
		}
		return endNext
	case "START":
		return next == "TRANSACTION"
	}
	return false
}

// endsTransaction tells whether the statement at token k ends a
// transaction, and how: "rollback" for a plain ROLLBACK or ABORT,
// "commit" for COMMIT, END, PREPARE TRANSACTION (it keeps the changes for
// a later COMMIT PREPARED) and ROLLBACK TO a savepoint (the transaction
// goes on), "" for any other statement.
func endsTransaction(toks []sqlToken, k int) string {
	next := ""
	if k+1 < len(toks) {
		next = toks[k+1].word
	}
	switch toks[k].word {
	case "ROLLBACK", "ABORT":
		for j := k + 1; j < len(toks) && toks[j].punct != ';'; j++ {
			if toks[j].word == "TO" || toks[j].word == "PREPARED" {
				return "commit"
			}
		}
		return "rollback"
	case "COMMIT", "END":
		return "commit"
	case "PREPARE":
		if next == "TRANSACTION" {
			return "commit"
		}
	}
	return ""
}

// commitsImplicitly reports whether a statement starting with word
// commits the open transaction first in MySQL or Oracle.
func commitsImplicitly(word string) bool {
	switch word {
	case "CREATE", "DROP", "ALTER", "TRUNCATE", "RENAME", "GRANT", "REVOKE", "LOCK", "UNLOCK", "OPTIMIZE", "SET", "USE":
		return true
	}
	return false
}
