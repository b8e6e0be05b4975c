package checkpoint

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/gitstate"
)

// refPrefix is where checkpoints keep commits alive.
const refPrefix = "refs/guard/checkpoints/"

// author is who the checkpoint's commits are by.
var author = []string{"GIT_AUTHOR_NAME=guard", "GIT_AUTHOR_EMAIL=guard@localhost",
	"GIT_COMMITTER_NAME=guard", "GIT_COMMITTER_EMAIL=guard@localhost"}

func isZero(id string) bool { return strings.Trim(id, "0") == "" }

func nonZero(id string) string {
	if isZero(id) {
		return ""
	}
	return id
}

// keepRepo keeps a repository's uncommitted changes in a commit and its
// refs' old values under refs/guard/checkpoints/ID/, touching neither the
// work tree nor the index.
func keepRepo(g *gitstate.Git, top, id, command string, rp *RepoPlan, tmpDir string) (*Repo, error) {
	repo, err := g.Open(top)
	if err != nil {
		return nil, err
	}
	r := &Repo{Top: repo.Top, Head: repo.RevParse("HEAD")}
	var updates bytes.Buffer
	if rp.Work && r.Head != "" {
		if err := keepWork(repo, r, id, command, tmpDir); err != nil {
			return nil, err
		}
		if r.Work != "" {
			fmt.Fprintf(&updates, "update %s%s/work %s\n", refPrefix, id, r.Work)
		}
	}
	for i, ref := range rp.Refs {
		r.Refs = append(r.Refs, ref)
		fmt.Fprintf(&updates, "update %s%s/ref-%d %s\n", refPrefix, id, i, ref.ID)
	}
	if updates.Len() > 0 {
		if _, err := repo.Input(updates.Bytes(), "update-ref", "--no-deref", "--stdin"); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// keepWork makes a commit of the work tree and index, as git stash create
// does, with a temporary index of its own.
func keepWork(repo *gitstate.Repo, r *Repo, id, command, tmpDir string) error {
	st, err := repo.Status(nil, gitstate.EachFile, DefaultMaxFiles)
	if err != nil {
		return err
	}
	var changes []Change
	for _, e := range st.Entries {
		if e.Kind != '1' && e.Kind != 'u' {
			continue
		}
		changes = append(changes, Change{Path: e.Path, Head: nonZero(e.Head), Index: nonZero(e.Index), IndexMode: e.Mode})
	}
	if len(changes) == 0 {
		return nil
	}
	// git write-tree may write the index it reads (its cache of trees),
	// so it reads a copy: the checkpoint leaves the index as it is.
	index := filepath.Join(tmpDir, "index")
	defer os.Remove(index)
	if err := copyFile(filepath.Join(repo.GitDir, "index"), index, 0o600); err != nil {
		return err
	}
	env := append([]string{"GIT_INDEX_FILE=" + index}, author...)
	out, err := repo.OutputEnv(env, nil, "write-tree")
	if err != nil {
		return err
	}
	indexTree := strings.TrimSpace(string(out))
	var info bytes.Buffer
	var paths []string
	var regular []int
	for i := range changes {
		ch := &changes[i]
		p := filepath.Join(r.Top, ch.Path)
		st, err := os.Lstat(p)
		switch {
		case err != nil:
			// Deleted in the work tree.
			fmt.Fprintf(&info, "0 %s\t%s\x00", strings.Repeat("0", len(indexTree)), ch.Path)
			ch.WorkMode = ""
		case st.Mode()&os.ModeSymlink != 0:
			link, err := os.Readlink(p)
			if err != nil {
				return err
			}
			out, err := repo.Input([]byte(link), "hash-object", "-w", "--no-filters", "--stdin")
			if err != nil {
				return err
			}
			ch.Work, ch.WorkMode = strings.TrimSpace(string(out)), "120000"
			fmt.Fprintf(&info, "%s %s\t%s\x00", ch.WorkMode, ch.Work, ch.Path)
		case st.Mode().IsRegular():
			ch.WorkMode = "100644"
			if st.Mode()&0o111 != 0 {
				ch.WorkMode = "100755"
			}
			paths = append(paths, ch.Path)
			regular = append(regular, i)
		}
	}
	if len(paths) > 0 {
		out, err := repo.Input([]byte(strings.Join(paths, "\n")+"\n"), "hash-object", "-w", "--no-filters", "--stdin-paths")
		if err != nil {
			return err
		}
		ids := strings.Fields(string(out))
		if len(ids) != len(regular) {
			return errors.New("git hash-object gave the wrong number of ids")
		}
		for j, i := range regular {
			ch := &changes[i]
			ch.Work = ids[j]
			fmt.Fprintf(&info, "%s %s\t%s\x00", ch.WorkMode, ch.Work, ch.Path)
		}
	}
	if _, err := repo.OutputEnv(env, info.Bytes(), "update-index", "-z", "--index-info"); err != nil {
		return err
	}
	out, err = repo.OutputEnv(env, nil, "write-tree")
	if err != nil {
		return err
	}
	workTree := strings.TrimSpace(string(out))
	out, err = repo.OutputEnv(author, nil, "commit-tree", "--no-gpg-sign", indexTree, "-p", r.Head, "-m", "index of guard checkpoint "+id)
	if err != nil {
		return err
	}
	indexCommit := strings.TrimSpace(string(out))
	msg := "guard checkpoint " + id + "\n\n" + command
	out, err = repo.OutputEnv(author, nil, "commit-tree", "--no-gpg-sign", workTree, "-p", r.Head, "-p", indexCommit, "-m", msg)
	if err != nil {
		return err
	}
	r.Work = strings.TrimSpace(string(out))
	r.Changed = changes
	return nil
}

// dropRefs deletes a checkpoint's refs in a repository.
func dropRefs(g *gitstate.Git, top, id string) {
	repo, err := g.Open(top)
	if err != nil {
		return
	}
	out, err := repo.Output("for-each-ref", "--format=%(refname)", refPrefix+id+"/")
	if err != nil {
		return
	}
	var b bytes.Buffer
	for _, ref := range strings.Fields(string(out)) {
		fmt.Fprintf(&b, "delete %s\n", ref)
	}
	if b.Len() > 0 {
		repo.Input(b.Bytes(), "update-ref", "--no-deref", "--stdin")
	}
}

// blobID returns the object id git would give content, in the format of
// like (sha1 or sha256, by its length).
func blobID(content []byte, like string) string {
	var h hash.Hash
	if len(like) == 64 {
		h = sha256.New()
	} else {
		h = sha1.New()
	}
	fmt.Fprintf(h, "blob %d\x00", len(content))
	h.Write(content)
	return hex.EncodeToString(h.Sum(nil))
}

// fileBlob returns the object id of the file at p as git would store it
// without filters, its mode, or "" when it is not there.
func fileBlob(p, like string) (string, string) {
	st, err := os.Lstat(p)
	if err != nil {
		return "", ""
	}
	switch {
	case st.Mode()&os.ModeSymlink != 0:
		link, err := os.Readlink(p)
		if err != nil {
			return "?", ""
		}
		return blobID([]byte(link), like), "120000"
	case st.Mode().IsRegular():
		data, err := os.ReadFile(p)
		if err != nil {
			return "?", ""
		}
		mode := "100644"
		if st.Mode()&0o111 != 0 {
			mode = "100755"
		}
		return blobID(data, like), mode
	}
	return "?", ""
}

// catBlobs reads blobs by id.
func catBlobs(repo *gitstate.Repo, ids []string) (map[string][]byte, error) {
	out := map[string][]byte{}
	if len(ids) == 0 {
		return out, nil
	}
	data, err := repo.Input([]byte(strings.Join(ids, "\n")+"\n"), "cat-file", "--batch")
	if err != nil {
		return nil, err
	}
	r := bufio.NewReader(bytes.NewReader(data))
	for {
		head, err := r.ReadString('\n')
		if err != nil {
			break
		}
		f := strings.Fields(head)
		if len(f) != 3 {
			return nil, fmt.Errorf("git cat-file: %s", strings.TrimSpace(head))
		}
		n, err := strconv.Atoi(f[2])
		if err != nil {
			return nil, err
		}
		buf := make([]byte, n)
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, err
		}
		r.ReadByte()
		out[f[0]] = buf
	}
	return out, nil
}

// treeEntry is a path's mode and object id in a tree or the index.
type treeEntry struct{ mode, id string }

// lsTree lists paths in a commit's tree, or the index when rev is "".
func lsTree(repo *gitstate.Repo, rev string, paths []string) (map[string]treeEntry, error) {
	out := map[string]treeEntry{}
	if len(paths) == 0 {
		return out, nil
	}
	var args []string
	if rev == "" {
		args = []string{"ls-files", "-s", "-z", "--"}
	} else {
		args = []string{"ls-tree", "-r", "-z", rev, "--"}
	}
	data, err := repo.Output(append(args, paths...)...)
	if err != nil {
		return nil, err
	}
	for _, rec := range strings.Split(string(data), "\x00") {
		meta, path, ok := strings.Cut(rec, "\t")
		if !ok {
			continue
		}
		f := strings.Fields(meta)
		if rev == "" && len(f) == 3 {
			// mode id stage
			if f[2] == "0" {
				out[path] = treeEntry{f[0], f[1]}
			}
		} else if len(f) == 3 {
			// mode type id
			out[path] = treeEntry{f[0], f[2]}
		}
	}
	return out, nil
}
