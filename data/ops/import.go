package ops

import (
	"staffplan/data/importer"
	"staffplan/data/model"
	"staffplan/data/store"
)

// ImportCommit writes an import preview (importer.Prepare) into plan
// planID, or into a new plan named after the file when planID is 0, as one
// undoable change, and returns that change.
//
// Unlike the other operations it takes the store, not a transaction: the
// backup taken before a merge must be written before the transaction
// starts, and a new plan is made by store.CreatePlan. It is importer.Commit
// under the name the window and the command line share.
func ImportCommit(st *store.Store, planID model.ID, p *importer.Preview, opt *importer.CommitOptions) (*store.Change, error) {
	return importer.Commit(st, planID, p, opt)
}
