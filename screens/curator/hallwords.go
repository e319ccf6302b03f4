package curator

// hallMessages are what the hall page shows in the words of others: the
// reasons the hall gives for a screen's state (hallnet.Judge, and why a
// screen did not answer), the screens' answers to commands, and the
// checks of a screen's name. Listed here so that each is said in the
// console's language (trMsg keeps the values they name); a test keeps
// this list in step with what hallnet says.
var hallMessages = []string{
	"it has not drawn a frame since it started",
	"no frame drawn for %.0f s: its screen is frozen",
	"%d media problem(s), first: %s",
	"last sync failed: %s",
	"only %d MB free on its disk",
	"its catalogue is past its signed validity",
	"%d visitor events wait for upload",
	"shows catalogue %s; the hall has %s",
	"its display is switched off",
	"%s did not answer in time",
	"%s cannot be reached (%v)",
	"the command's signature is not from a curator key this screen trusts",
	"this command was accepted before (same nonce): a replay is refused",
	"showing its name for %s s",
	"display on",
	"display off",
	"sync started from %s",
	"a sync was already asked for",
	"restarting: the kiosk quits and its service starts it again",
	"looking for a newer catalogue among the other screens",
	"this machine has no curator key",
	"a screen's name cannot be empty",
	"a screen's name is at most %d characters",
	"this console runs on no screen of the hall: there is no screen to rename",
}
