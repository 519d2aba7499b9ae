#include "ScreenshotRunner.h"

#include "MainWindow.h"
#include "bio/Fasta.h"
#include "bio/GenBank.h"
#include "models/BoxContentsModel.h"
#include "models/LocationTreeModel.h"
#include "models/ResourceListModel.h"
#include "models/sequence/SequenceDocument.h"
#include "widgets/InventoryView.h"
#include "widgets/inventory/BoxGridView.h"
#include "widgets/inventory/BoxPanel.h"
#include "widgets/inventorytools/BarcodeSearch.h"
#include "widgets/inventorytools/InventoryTools.h"

#include "widgets/sequence/SequenceEditor.h"
#include "widgets/sequence/SequenceView.h"
#include "widgets/sequence/SequencesPage.h"
#include <QDir>
#include <QFileInfo>
#include <QItemSelectionModel>

#include "models/notebook/EntrySession.h"
#include "widgets/notebook/EntryEditor.h"
#include "widgets/notebook/NotebookView.h"
#include <QTableView>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace benchtop::app {

ScreenshotRunner::ScreenshotRunner(MainWindow *window, QString path, int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_path(std::move(path))
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(timeoutMs);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        finish(1, tr("The inventory did not load within %1 s.").arg(m_timeout.interval() / 1000));
    });
}

void ScreenshotRunner::start()
{
    if (m_view == QStringLiteral("inventory"))
        m_view.clear(); // the default: the tree
    if (m_view.startsWith(u"sequence") || m_view.startsWith(u"protein:")) {
        startSequence();
        return;
    }
    if (m_view == QStringLiteral("notebook")) {
        startNotebook();
        return;
    }
    models::LocationTreeModel *model = m_window->locationModel();
    connect(model, &models::LocationTreeModel::loadFinished, this, &ScreenshotRunner::onLoaded);
    connect(model, &models::LocationTreeModel::loadFailed, this,
            [this](const QModelIndex &, const QString &message) {
                finish(1, tr("Loading the inventory failed: %1").arg(message));
            });
    m_timeout.start();
    if (model->canFetchMore({}))
        model->fetchMore({});
    else if (model->rowCount() > 0)
        onLoaded({}, true);
}

void ScreenshotRunner::onLoaded(const QModelIndex &parent, bool complete)
{
    if (m_finished || !complete)
        return;
    models::LocationTreeModel *model = m_window->locationModel();
    QTreeView *tree = m_window->inventoryView()->tree();
    switch (m_stage) {
    case Stage::TopLevel: {
        if (parent.isValid())
            return;
        if (model->rowCount() == 0) {
            finish(1, tr("The server has no locations to show."));
            return;
        }
        // Open the first top-level location that has children, so the picture shows depth.
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex candidate = model->index(row, 0);
            if (model->hasChildren(candidate)) {
                open(Stage::Freezer, candidate);
                return;
            }
        }
        capture();
        return;
    }
    case Stage::Freezer:
        if (parent != QModelIndex(m_expanding))
            return;
        tree->expand(parent);
        if (model->hasChildren(model->index(0, 0, parent)))
            open(Stage::Shelf, model->index(0, 0, parent));
        else
            capture();
        return;
    case Stage::Shelf:
        if (parent != QModelIndex(m_expanding))
            return;
        tree->expand(parent);
        if (m_view.isEmpty())
            capture();
        else if (m_view.startsWith(u"find:"))
            startFind();
        else
            openView(0);
        return;
    }
}

void ScreenshotRunner::startSequence()
{
    m_window->showPage(MainWindow::SequencesPage);
    m_window->resize(1500, 950); // the maps, the bases and the feature table need the room
    widgets::SequencesPage *page = m_window->sequencesPage();
    m_timeout.start();
    if (m_view.startsWith(u"protein:"))
        page->showKind(widgets::SequencesPage::Kind::Protein);
    connect(page, &widgets::SequencesPage::sequenceOpened, this, [this, page] {
        if (page->editor()->document()->isProtein()) {
            // No cut sites to wait for: the residues and their annotations are all there is.
            page->editor()->document()->setSelection(0, 0);
            QTimer::singleShot(300, this, [this] {
                m_captureStarted = true;
                capture();
            });
            return;
        }
        // Show a region with features and the translation of the first CDS.
        widgets::SequenceView *view = page->editor()->view();
        view->setShowComplement(true);
        view->setFrames(widgets::SequenceView::Frames::Frame1);
        // Start a little before the first CDS that is not at the very beginning, so the
        // picture shows a translated feature among others.
        const bio::Record &record = page->editor()->document()->record();
        for (const bio::Feature &feature : record.features)
            if (feature.type == u"CDS" && feature.location.start() > 200) {
                const qint64 at = feature.location.start() - 2 * view->basesPerRow();
                page->editor()->document()->setSelection(feature.location.start(),
                                                         feature.location.end());
                view->scrollToBase(at);
                break;
            }
        // Wait for the cut sites of this sequence (an earlier scan may report first).
        connect(view, &widgets::SequenceView::restrictionSitesReady, this, [this, view] {
            if (view->restrictionSiteCount() > 0 && !m_captureStarted) {
                m_captureStarted = true;
                capture();
            }
        });
        // A sequence with no site of the chosen set (a genome has no unique cutter) is
        // captured once its scan has had time to finish.
        QTimer::singleShot(15'000, this, [this] {
            if (!m_captureStarted) {
                m_captureStarted = true;
                capture();
            }
        });
    });
    const QString argument = m_view.section(u':', 1);
    if (m_view.startsWith(u"sequence-file:")) {
        QTimer::singleShot(0, this, [this, page, argument] {
            QString error;
            if (!page->openFile(argument, &error))
                finish(1, error);
        });
        return;
    }
    models::SequenceListModel *model = page->listModel();
    auto pick = [this, page, model, argument] {
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->index(row, 0).data().toString() == argument) {
                page->list()->selectRow(row);
                page->openSequence(model->idAt(row));
                return true;
            }
        return false;
    };
    connect(model, &models::ResourceListModel::pageLoaded, this,
            [this, model, pick](bool complete) {
                if (!pick() && !complete)
                    model->fetchMore({});
                else if (complete && !pick())
                    finish(1, tr("No sequence is called that."));
            });
    if (model->canFetchMore({}))
        model->fetchMore({});
}

// Loads `index`'s children; onLoaded hears when they are there.
void ScreenshotRunner::open(Stage stage, const QModelIndex &index)
{
    m_stage = stage;
    m_expanding = index;
    models::LocationTreeModel *model = m_window->locationModel();
    if (model->canFetchMore(index))
        model->fetchMore(index);
    else if (model->loadState(index) != models::LoadState::Loading)
        onLoaded(index, true);
}

// Expands the first freezer down to its boxes (a round per level, as rows arrive), then opens
// the boxes or the plate the view names and waits for their grids.
void ScreenshotRunner::openView(int round)
{
    models::LocationTreeModel *model = m_window->locationModel();
    QTreeView *tree = m_window->inventoryView()->tree();
    const QStringList wanted = m_view == u"plate"_s
                                   ? QStringList{u"PCR plate 2024-03"_s}
                                   : QStringList{u"Plasmid minipreps"_s, u"Spare tubes"_s};
    QList<QModelIndex> found;
    QList<QModelIndex> pending{model->index(1, 0)};
    while (!pending.isEmpty()) {
        const QModelIndex index = pending.takeFirst();
        if (wanted.contains(index.data().toString()))
            found.append(index);
        const bool onPath = m_view != u"plate"_s || round < 8;
        if (model->hasChildren(index) && onPath) {
            // Open only racks that hold what we look for, once known; shelves and freezers all.
            tree->expand(index);
            for (int row = 0; row < model->rowCount(index); ++row)
                pending.append(model->index(row, 0, index));
        }
    }
    if (found.size() < wanted.size() && round < 40) {
        QTimer::singleShot(150, this, [this, round] { openView(round + 1); });
        return;
    }
    if (found.isEmpty()) {
        finish(1, tr("The demo boxes for --screenshot-view %1 are not there.").arg(m_view));
        return;
    }
    // Fold the racks that hold none of them, so the tree shows the path to the open boxes.
    for (int shelf = 0; shelf < model->rowCount(model->index(1, 0)); ++shelf) {
        const QModelIndex s = model->index(shelf, 0, model->index(1, 0));
        for (int rack = 0; rack < model->rowCount(s); ++rack) {
            const QModelIndex r = model->index(rack, 0, s);
            const bool holds = std::any_of(found.cbegin(), found.cend(),
                                           [&](const QModelIndex &f) { return f.parent() == r; });
            if (!holds)
                tree->collapse(r);
        }
        if (!std::any_of(found.cbegin(), found.cend(),
                         [&](const QModelIndex &f) { return f.parent().parent() == s; }))
            tree->collapse(s);
    }
    widgets::InventoryView *view = m_window->inventoryView();
    for (int i = 0; i < found.size(); ++i) {
        const QString id = found[i].data(models::IdRole).toString();
        widgets::BoxPanel *panel = view->openStorage(id, i > 0);
        if (i == 0) {
            tree->setCurrentIndex(found[i]);
            tree->scrollTo(found[i]);
        }
        if (m_view == u"plate"_s)
            panel->grid()->setCellSize(44);
        else
            panel->grid()->setCellSize(50);
    }
    // Wait for the grids, then select a filled cell so the inspector shows a tube.
    auto *poll = new QTimer(this);
    poll->setInterval(100);
    connect(poll, &QTimer::timeout, this, [this, poll, view] {
        const QList<widgets::BoxPanel *> panels = view->panels();
        if (!std::all_of(panels.cbegin(), panels.cend(),
                         [](widgets::BoxPanel *p) { return p->model()->isReady(); }))
            return;
        poll->stop();
        poll->deleteLater();
        widgets::BoxGridView *grid = panels.first()->grid();
        const QModelIndex cell = grid->model()->index(0, m_view == u"plate"_s ? 2 : 1);
        grid->selectionModel()->setCurrentIndex(cell, QItemSelectionModel::ClearAndSelect);
        capture();
    });
    poll->start();
}

// Finds what the view names through the Find window's lookup; captures once a tube's box has
// opened with the tube's cell current (or a box or plate is open).
void ScreenshotRunner::startFind()
{
    widgets::InventoryTools *tools = m_window->inventoryTools();
    widgets::BarcodeSearchBar *bar = tools->showBarcodeSearch();
    bar->window()->hide(); // the picture is of the main window
    connect(tools->lookup(), &models::BarcodeLookup::notFound, this,
            [this](const QString &text) { finish(1, tr("Nothing found for %1.").arg(text)); });
    auto *poll = new QTimer(this);
    poll->setInterval(100);
    connect(poll, &QTimer::timeout, this, [this, poll] {
        const QList<widgets::BoxPanel *> panels = m_window->inventoryView()->panels();
        if (panels.isEmpty() || !panels.first()->model()->isReady() ||
            (!panels.first()->pendingSelection().isEmpty()))
            return;
        poll->stop();
        poll->deleteLater();
        capture();
    });
    poll->start();
    tools->lookup()->lookup(m_view.section(u':', 1));
}

// Opens the demo entry with a table and links (the miniprep) once the entries have listed, and
// captures when its body and the names of its links are there.
void ScreenshotRunner::startNotebook()
{
    m_window->showPage(MainWindow::NotebookPage);
    m_window->resize(1380, 860); // three columns need the room
    widgets::notebook::NotebookView *view = m_window->notebookView();
    models::EntryListModel *entries = view->entries();
    m_timeout.start();
    connect(entries, &models::ResourceListModel::loadFailed, this, [this](const QString &message) {
        finish(1, tr("Loading the entries failed: %1").arg(message));
    });
    auto opened = std::make_shared<bool>(false);
    connect(entries, &models::ResourceListModel::pageLoaded, this, [this, view, entries, opened] {
        if (*opened)
            return;
        for (int row = 0; row < entries->rowCount(); ++row) {
            const QModelIndex index = entries->index(row, 0);
            if (!index.data().toString().startsWith(QStringLiteral("Miniprep")))
                continue;
            *opened = true;
            view->entryTable()->selectRow(row);
            widgets::notebook::EntryEditor *editor = view->editor();
            connect(editor->session(), &models::EntrySession::loaded, this, [this] {
                // Link names arrive in a bulk get or two after the body.
                QTimer::singleShot(1500, this, &ScreenshotRunner::capture);
            });
            return;
        }
    });
    if (entries->canFetchMore({}))
        entries->fetchMore({});
}

void ScreenshotRunner::capture()
{
    // Item views lay out new rows on timers of their own; give them a moment before grabbing.
    QTimer::singleShot(200, this, [this] {
        const QFileInfo file(m_path);
        QDir().mkpath(file.absolutePath());
        if (!m_window->grab().save(file.absoluteFilePath())) {
            finish(1, tr("Could not write the screenshot to %1.").arg(file.absoluteFilePath()));
            return;
        }
        finish(0,
               tr("Screenshot saved to %1").arg(QDir::toNativeSeparators(file.absoluteFilePath())));
    });
}

void ScreenshotRunner::finish(int exitCode, const QString &message)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout.stop();
    Q_EMIT done(exitCode, message);
}

} // namespace benchtop::app
