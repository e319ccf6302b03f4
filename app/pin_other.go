//go:build !linux

package app

import (
	"errors"
	"io"
	"os"
)

func isTerminal(*os.File) bool { return false }

func readHidden(*os.File, io.Writer, string) (string, error) {
	return "", errors.New("cannot read a hidden PIN here; give it on standard input")
}

func fileOwner(string) (int, bool) { return 0, false }
