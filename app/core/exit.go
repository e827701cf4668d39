package core

// Exit codes shared by the GUI and the commands.
const (
	ExitOK    = 0
	ExitUser  = 1 // a problem the user can fix: locked, corrupt, unknown plan
	ExitUsage = 2
)
