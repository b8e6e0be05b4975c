package parse

import (
	"bufio"
	"fmt"
	"os"
	"testing"
)

func TestDumpP2(t *testing.T) {
	f, err := os.Open(os.Getenv("P2IN"))
	if err != nil {
		t.Skip()
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fmt.Println("#", sc.Text())
		for _, inv := range Command(sc.Text(), testOpts()) {
			fmt.Println("   ", render(inv), inv.Detail)
		}
	}
}
