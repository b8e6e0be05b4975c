package parse

import "testing"

// programCases are command names guard can or cannot know.
var programCases = []commandCase{
	// A pattern in command position runs whatever it matches first.
	{"/u*/bin/rm -rf x", []string{"'/u*/bin/rm'{G} -rf x problem=dynamic-program"}},
	{"/usr/bin/r? x", []string{"'/usr/bin/r?'{G} x problem=dynamic-program"}},
	{"/usr/bin/[r]m x", []string{"'/usr/bin/[r]m'{G} x problem=dynamic-program"}},
	{"sudo /*/rm x", []string{"'/*/rm'{G} x via=sudo problem=dynamic-program"}},
	{"bash -c './*.sh'", []string{"'./*.sh'{G} via=bash -c problem=dynamic-program"}},
	// Quoted, or [ alone, the name is a plain word.
	{"'/u*/rm' x", []string{"'/u*/rm' x"}},
	{"[ -f x ]", []string{"'['{G} -f x ]"}},
	{"/usr/bin/[ -f x ]", []string{"'/usr/bin/['{G} -f x ]"}},
}

func TestProgramNames(t *testing.T) { runCommandCases(t, programCases) }
