package mpv

// Command runs an mpv command on the player, for the tests to ask mpv
// what the Go API does not.
func (p *Player) Command(args ...string) error { return p.command(args...) }
