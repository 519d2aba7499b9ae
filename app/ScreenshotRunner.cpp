#include "ScreenshotRunner.h"

#include "MainWindow.h"
#include "models/LocationTreeModel.h"
#include "models/ResourceListModel.h"
#include "models/notebook/EntrySession.h"
#include "widgets/InventoryView.h"
#include "widgets/notebook/EntryEditor.h"
#include "widgets/notebook/NotebookView.h"

#include <QDir>
#include <QFileInfo>
#include <QTableView>
#include <QTreeView>

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
        capture();
        return;
    }
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
