// Command showhall runs the touchscreens of the pilot-zone exhibition
// hall, and the laptops of its curators and roadshow presenters.
package main

import (
	"os"

	"showhall/app"
)

func main() {
	os.Exit(app.Main(os.Args[1:], os.Stdout, os.Stderr))
}
