package app

import (
	"context"
	"fmt"

	"github.com/qalam/policyeditor/assets"
	"github.com/qalam/policyeditor/publish/deploy"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/importer"
)

// sampleSlug is the slug of the sample policy in a new default database.
const sampleSlug = "privacy-policy"

// pageImporter is the store's import, which creates a page with its first
// revision.
type pageImporter interface {
	ImportPage(ctx context.Context, p *storage.Page, author, note string) (storage.Revision, error)
}

// seedSample adds the bundled sample policy, so that a new user sees a real
// page at once. It is imported as 'policyeditor import' would, so its
// history starts with revision 1, the import.
func seedSample(ctx context.Context, db pageImporter) error {
	res, err := importer.Import("privacy-policy-qalam.txt", assets.SamplePolicy)
	if err != nil {
		return fmt.Errorf("import the sample policy: %w", err)
	}
	res.Page.Slug = sampleSlug
	if _, err := db.ImportPage(ctx, &res.Page, personNamed(""), "import"); err != nil {
		return fmt.Errorf("save the sample policy: %w", err)
	}
	return nil
}

// ensureDefaultTarget makes sure the "site" folder target exists, so that
// publishing works before any setup.
func ensureDefaultTarget(ctx context.Context, db storage.Store, dataDir string) error {
	if err := deploy.EnsureDefaultTarget(ctx, db, dataDir); err != nil {
		return fmt.Errorf("create the default publish target: %w", err)
	}
	return nil
}
