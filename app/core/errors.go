package core

import (
	"staffplan/data/store"
	"staffplan/data/template"
)

func init() {
	knownErrors = []knownError{
		{store.ErrLocked, "err.locked", "This plan database is already open in another window. Close the other window first."},
		{store.ErrCorrupt, "err.corrupt", "This file is not a plan database or it is damaged; it has not been changed. ({{.detail}})"},
		{store.ErrNewerSchema, "err.newer_schema", "This database was written by a newer version of the program and cannot be opened. ({{.detail}})"},
		{store.ErrConflict, "err.conflict", "This step cannot be undone because the plan has changed since."},
		{store.ErrNotFound, "err.not_found", "The record no longer exists."},
		{template.ErrUnknown, "err.unknown_template", "Unknown template. ({{.detail}})"},
	}
}
