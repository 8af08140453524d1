package app

import (
	"context"
	"fmt"

	"github.com/qalam/policyeditor/assets"
	"github.com/qalam/policyeditor/publish/deploy"
	"github.com/qalam/policyeditor/storage/importer"
	"github.com/qalam/policyeditor/storage/sqlite"
)

// sampleSlug is the slug of the sample policy in a new default database.
const sampleSlug = "privacy-policy"

// seedSample adds the bundled sample policy, so that a new user sees a real
// page at once.
func seedSample(ctx context.Context, db *sqlite.DB) error {
	res, err := importer.Import("privacy-policy-qalam.txt", assets.SamplePolicy)
	if err != nil {
		return fmt.Errorf("import the sample policy: %w", err)
	}
	res.Page.Slug = sampleSlug
	if err := db.CreatePage(ctx, &res.Page); err != nil {
		return fmt.Errorf("save the sample policy: %w", err)
	}
	return nil
}

// ensureDefaultTarget makes sure the "site" folder target exists, so that
// publishing works before any setup.
func ensureDefaultTarget(ctx context.Context, db *sqlite.DB, dataDir string) error {
	if err := deploy.EnsureDefaultTarget(ctx, db, dataDir); err != nil {
		return fmt.Errorf("create the default publish target: %w", err)
	}
	return nil
}
