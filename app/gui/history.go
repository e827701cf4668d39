package gui

import "staffplan/data/store"

// History is the undo/redo stack of committed changes. Every change the
// user makes is one store.Change, so undo is the store reverting it.
type History struct {
	undo, redo []*store.Change
	limit      int
}

// Push records a new change and forgets what could be redone.
func (h *History) Push(c *store.Change) {
	if c == nil {
		return
	}
	h.undo = append(h.undo, c)
	if h.limit > 0 && len(h.undo) > h.limit {
		h.undo = h.undo[len(h.undo)-h.limit:]
	}
	h.redo = nil
}

// CanUndo reports whether there is something to undo.
func (h *History) CanUndo() bool { return len(h.undo) > 0 }

// CanRedo reports whether there is something to redo.
func (h *History) CanRedo() bool { return len(h.redo) > 0 }

// Undo reverts the last change through s. On error the stacks are unchanged.
func (h *History) Undo(s *store.Store) (*store.Change, error) {
	if len(h.undo) == 0 {
		return nil, nil
	}
	c := h.undo[len(h.undo)-1]
	if err := s.Revert(c); err != nil {
		return nil, err
	}
	h.undo = h.undo[:len(h.undo)-1]
	h.redo = append(h.redo, c)
	return c, nil
}

// Redo reapplies the last undone change.
func (h *History) Redo(s *store.Store) (*store.Change, error) {
	if len(h.redo) == 0 {
		return nil, nil
	}
	c := h.redo[len(h.redo)-1]
	if err := s.Reapply(c); err != nil {
		return nil, err
	}
	h.redo = h.redo[:len(h.redo)-1]
	h.undo = append(h.undo, c)
	return c, nil
}

// Clear forgets everything, for when the database itself is replaced.
func (h *History) Clear() { h.undo, h.redo = nil, nil }

// UndoLabel returns the label of the change Undo would revert.
func (h *History) UndoLabel() string {
	if len(h.undo) == 0 {
		return ""
	}
	return h.undo[len(h.undo)-1].Label
}

// RedoLabel returns the label of the change Redo would reapply.
func (h *History) RedoLabel() string {
	if len(h.redo) == 0 {
		return ""
	}
	return h.redo[len(h.redo)-1].Label
}
