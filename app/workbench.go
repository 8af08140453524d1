//go:build !nogui

package app

import (
	"context"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/editor/textedit"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/importer"
)

// workbenchStore is what the workbench reads from and writes to the draft
// store (*sqlite.DB or *postgres.DB, in the app and in tests). A store
// that is also a storage.ChangeWaiter (both are) is followed by waiting
// for its changes rather than polling (wb_sync.go).
type workbenchStore interface {
	FindPages(ctx context.Context, f storage.PageFilter) ([]storage.Page, error)
	FindPage(ctx context.Context, id uuid.UUID) (storage.Page, error)
	CreatePage(ctx context.Context, p *storage.Page) error
	UpdatePage(ctx context.Context, id uuid.UUID, u storage.PageUpdate) (storage.Page, error)
	DeletePage(ctx context.Context, id uuid.UUID) error
	storage.PageTrash
	UpdateSection(ctx context.Context, id uuid.UUID, u storage.SectionUpdate) (storage.Section, error)
	InsertSection(ctx context.Context, pageID uuid.UUID, pos int, s storage.Section) (storage.Section, error)
	DeleteSection(ctx context.Context, id uuid.UUID) error
	ReorderSections(ctx context.Context, pageID uuid.UUID, order []uuid.UUID) error
	DataChanged(ctx context.Context) (int64, error)
	// the review: comments, the last editor, a revision before a fix
	CreateComment(ctx context.Context, c *storage.Comment) error
	FindComments(ctx context.Context, pageID uuid.UUID, all bool) ([]storage.Comment, error)
	ResolveComment(ctx context.Context, pageID uuid.UUID, id int64, person string) error
	NoteEditor(ctx context.Context, pageID uuid.UUID, person string) error
	KeepRevision(ctx context.Context, pageID uuid.UUID, author, note string) (storage.Revision, bool, error)
}

// stampFunc returns a page with the last-updated date publishing would
// stamp (deploy.Publisher.StampedPage for the default target).
type stampFunc func(ctx context.Context, p storage.Page) (storage.Page, error)

// idleSave is how long typing must pause before the edit is saved.
const idleSave = 500 * time.Millisecond

// workbench is the main window: the pages, the sections of the open page,
// the section editor with find and replace, and the live preview. Its
// fields are used on the UI goroutine only, except where noted; slow work
// runs through background (and writes through saver) and comes back with
// fyne.Do.
type workbench struct {
	ctx   context.Context
	id    uuid.UUID // this window, in the recovery records it writes
	db    workbenchStore
	win   fyne.Window
	prefs fyne.Preferences
	stamp stampFunc
	// recovery is where mine of a section in conflict is kept durably
	// until the choice (recovery.go); "" keeps it in memory only.
	recovery     recoveryDir
	recoveryLock ownerLock // held while this window has records (saver goroutine)
	// background runs slow work off the UI goroutine. Tests run it inline.
	background func(func())
	saver      *saver
	// after runs f on the UI goroutine after d (time.AfterFunc + fyne.Do);
	// tests replace it to fire timers at once.
	after func(d time.Duration, f func()) (stop func())

	pages  []storage.Page // every page (without sections), by slug
	shown  []int          // indexes of pages matching the search
	page   storage.Page   // the open page's settings (its Sections are not kept up to date: secs is)
	secs   []*secState
	sel    int       // selected section, -1 for none
	want   uuid.UUID // the page last asked for; a slower load of another is ignored
	opened bool      // a page is open
	rtl    bool      // the layout is mirrored for an RTL page

	saveTimer    func()      // stops the pending idle save
	saveState    saveState   // the saver's last report
	lastUndo     *undoAction // what the status line's Undo button undoes
	changes      int64       // the store's change counter when the open page was last merged
	seen         int64       // the counter's last value the watcher reported
	openComments int         // the open page's unresolved comments
	restoring    *placeState // where to put the caret when the restored page opens
	settingKind  bool        // the kind menu is being set, not chosen
	filling      bool        // the editors are being filled, not edited
	settings     *settingsForm
	lastImport   *importer.Result
	trashDialog  dialog.Dialog
	history      *historyWindow // Review → History… (set by wireWorkbench)

	search      *textedit.Editor
	pageList    *widget.List
	sectionList *widget.List
	kind        *widget.Select
	heading     *textedit.Editor
	body        *textedit.Editor
	preview     *richview.View
	previewBox  *container.Scroll
	status      *richview.Label // save state
	message     *richview.Label // the last action or error
	pageInfo    *richview.Label
	undoButton  *widget.Button
	root        *fyne.Container
	listsSplit  *container.Split // pages above sections
	outerSplit  *container.Split // lists beside editor and preview
	innerSplit  *container.Split // editor beside preview
	find        *findBar
	conflicts   *conflictBar
	prev        *previewer
	sectionTool []fyne.Disableable

	// the review (wb_review.go, wb_findings.go, wb_comments.go)
	person       atomic.Pointer[string] // who edits and comments here (personNamed); read with personName
	side         *sideTabs
	findings     *findingsPanel
	comments     *commentsPanel
	checks       *checker
	pageComments []storage.Comment // the open page's open comments
	commentsGen  int               // bumped by every read of them; an older answer is dropped
	commentDlg   *commentForm      // the last add-comment dialog
}

// secState is one section of the open page as edited here.
type secState struct {
	kind    storage.SectionKind
	heading string
	body    string
	caret   int
	dirty   bool // edited since its last save was queued
	ref     *secRef
	// theirs is the newer version someone else saved while this section
	// was edited here; until the user chooses (wb_conflict.go) this
	// window's text is kept and not saved.
	theirs *storage.Section
	// recorded: this window keeps a recovery record of the section
	// (recovery.go), to remove once the conflict is resolved.
	recorded bool
}

// undoAction is the last destructive action, which the Undo button takes back.
type undoAction struct {
	label string
	undo  func()
}

func newWorkbench(ctx context.Context, db workbenchStore, win fyne.Window, prefs fyne.Preferences, stamp stampFunc) *workbench {
	w := &workbench{ctx: ctx, id: uuid.New(), db: db, win: win, prefs: prefs, stamp: stamp, sel: -1,
		background: func(f func()) { go f() }, after: afterUI}
	w.followPerson()
	w.saver = newSaver(func(st saveState) { fyne.Do(func() { w.onSaveState(st) }) })
	w.saver.noteEditor = func(ctx context.Context, page uuid.UUID) error { return w.db.NoteEditor(ctx, page, w.personName()) }
	w.search = textedit.NewSingleLine()
	w.search.SetPlaceholder(lang.L("Search pages"))
	w.search.OnChanged = w.onSearch
	w.pageList = widget.NewList(w.pageCount, newPageRow, w.updatePageRow)
	w.pageList.OnSelected = w.onPageSelected
	w.sectionList = widget.NewList(w.sectionCount, w.newSectionRow, w.updateSectionRow)
	w.sectionList.OnSelected = w.onSectionSelected
	w.kind = widget.NewSelect(kindLabels(), w.onKindChosen)
	w.heading = textedit.NewSingleLine()
	w.heading.SetPlaceholder(lang.L("Section heading"))
	w.heading.OnChanged = w.onHeadingChanged
	w.heading.OnCaretMoved = w.onCaretMoved
	w.heading.OnFocusLost = w.saveNow
	w.body = textedit.NewMultiLine()
	w.body.SetPlaceholder(lang.L("Section text (Markdown)"))
	w.body.OnChanged = w.onBodyChanged
	w.body.OnCaretMoved = w.onCaretMoved
	w.body.OnFocusLost = w.saveNow
	w.preview = richview.NewView()
	w.previewBox = container.NewVScroll(w.preview)
	w.status = richview.NewLabel(lang.L("Saved"))
	w.message = richview.NewLabel("")
	w.pageInfo = richview.NewLabel("")
	w.undoButton = widget.NewButton("", w.onUndo)
	w.undoButton.Hide()
	w.find = newFindBar(w)
	w.conflicts = newConflictBar(w)
	w.prev = newPreviewer(w)
	w.checks = &checker{w: w}
	w.newSidePanel()
	w.root = container.NewStack()
	return w
}

// followPerson takes the window's person from the preferences now and
// whenever they change (a name typed in Settings applies at once). The
// saver and the history read it off the UI goroutine, hence the atomic.
func (w *workbench) followPerson() {
	set := func() {
		p := personNamed(w.prefs.String(prefPerson))
		w.person.Store(&p)
	}
	set()
	w.prefs.AddChangeListener(set)
}

// personName is who edits, comments and reviews in this window.
func (w *workbench) personName() string {
	if p := w.person.Load(); p != nil {
		return *p
	}
	return personNamed("")
}

// afterUI runs f on the UI goroutine after d.
func afterUI(d time.Duration, f func()) func() {
	t := time.AfterFunc(d, func() { fyne.Do(f) })
	return func() { t.Stop() }
}

// start begins the saver and the watcher of other windows' changes, and
// loads the page list.
func (w *workbench) start() {
	w.installNavigation()
	go w.saver.run(w.ctx)
	w.watchChanges(w.reportChange)
	w.loadPages(w.restoredPage())
}

// content is the window's content; the layout mirrors when a page of the
// other direction is opened.
func (w *workbench) content() fyne.CanvasObject {
	w.arrange(true)
	return w.root
}

// contentChanged brings what follows the page's content up to date: the
// preview and the findings.
func (w *workbench) contentChanged() {
	w.prev.refresh()
	w.checks.refresh()
}

// onEscape closes the find bar when Escape finds nothing else to close.
func (w *workbench) onEscape() {
	if w.find.box.Visible() {
		w.find.close()
	}
}

func (w *workbench) showError(err error) {
	w.setMessage(describe(err))
}

func (w *workbench) setMessage(text string) {
	w.message.SetText(text)
}
