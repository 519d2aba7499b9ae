#include "MainWindow.h"

#include "ActivityIndicator.h"
#include "ConnectionController.h"
#include "ConnectionDialog.h"
#include "ConnectionProfiles.h"
#include "Session.h"
#include "models/LocationTreeModel.h"
#include "models/api/ApiClient.h"
#include "models/api/ListPager.h"
#include "models/api/TaskPoller.h"
#include "models/store/ContainerMoveCommand.h"
#include "widgets/ComingSoonPage.h"
#include "widgets/InventoryView.h"
#include "widgets/OfflineBanner.h"
#include "widgets/inventorytools/InventoryTools.h"
#include "widgets/notebook/NotebookView.h"
#include "widgets/sequence/SequencesPage.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMimeData>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>

namespace benchtop::app {

MainWindow::MainWindow(Session *session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_locations(new models::LocationTreeModel(session->client(), session->store(), this))
    , m_inventory(
          new widgets::InventoryView(m_locations, session->client(), session->store(), this))
    , m_pages(new QStackedWidget(this))
    , m_offlineBanner(new widgets::OfflineBanner(this))
    , m_connectionLabel(new QLabel(this))
{
    setWindowTitle(tr("Benchtop"));
    resize(1100, 720);
    setAcceptDrops(true); // sequence files, imported whatever the page (dropEvent)

    m_pages->insertWidget(InventoryPage, m_inventory);
    m_sequences = new widgets::SequencesPage(session->client(), session->store(), this);
    m_pages->insertWidget(SequencesPage, m_sequences);
    createNotebook();

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(createNavigation());
    // The offline banner sits above whichever page is shown.
    auto *pageColumn = new QVBoxLayout;
    pageColumn->setSpacing(0);
    pageColumn->addWidget(m_offlineBanner);
    pageColumn->addWidget(m_pages, 1);
    layout->addLayout(pageColumn, 1);
    setCentralWidget(central);
    models::ApiClient *client = session->client();
    connect(client, &models::ApiClient::connectivityChanged, m_offlineBanner,
            [this, client](bool online) {
                m_offlineBanner->setOffline(!online, client->lastSeenAt());
            });
    connect(m_offlineBanner, &widgets::OfflineBanner::retryRequested, client,
            &models::ApiClient::probeNow);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Import Sequences…"), this, [this] {
        showPage(SequencesPage);
        m_sequences->chooseImport();
    });
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);
    m_editMenu = menuBar()->addMenu(tr("&Edit"));
    QMenu *view = menuBar()->addMenu(tr("&View"));
    const QList<std::pair<Page, QString>> pages = {{InventoryPage, tr("&Inventory")},
                                                   {SequencesPage, tr("&Sequences")},
                                                   {NotebookPage, tr("&Notebook")}};
    for (const auto &[page, label] : pages) {
        QAction *action = view->addAction(label, this, [this, p = page] { showPage(p); });
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + int(page))));
    }

    m_connectionLabel->setText(session->description());
    m_connectionLabel->setObjectName(QStringLiteral("connection"));
    m_activity = new ActivityIndicator(this);
    statusBar()->addPermanentWidget(m_activity);
    statusBar()->addPermanentWidget(m_connectionLabel);
    watchLongWork(client);
    createConnectionMenu();
    createInventoryMenu();
    connect(m_locations, &models::LocationTreeModel::loadFailed, this,
            [this](const QModelIndex &, const QString &message) {
                statusBar()->showMessage(message, 10'000);
            });
    wireInventory();
    connect(m_sequences, &widgets::SequencesPage::message, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10'000); });
    showPage(InventoryPage);
}

// The Notebook page; a click on a link to a sample or sequence shows the page that holds it.
void MainWindow::createNotebook()
{
    m_notebook = new widgets::notebook::NotebookView(m_session->client(), m_session->store(), this);
    m_pages->insertWidget(NotebookPage, m_notebook);
    connect(m_notebook, &widgets::notebook::NotebookView::openResourceRequested, this,
            [this](const QString &type, const QString &id) {
                const bool sequence = type.endsWith(u"_sequence") || type == u"custom_entity";
                showPage(sequence ? SequencesPage : InventoryPage);
                statusBar()->showMessage(tr("Linked %1: %2").arg(type, id), 10'000);
            });
}

void MainWindow::createConnectionMenu()
{
    m_connections = new ConnectionController(this);
    QMenu *menu = menuBar()->addMenu(tr("&Connection"));
    QAction *open = menu->addAction(tr("&Connections…"), this, [this] { openConnectionDialog(); });
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_connections, &ConnectionController::activated, this, &MainWindow::setSession);
    connect(m_connections, &ConnectionController::failed, this,
            [this](const QString &message) { statusBar()->showMessage(message, 15'000); });
}

void MainWindow::createInventoryMenu()
{
    m_inventoryTools = new widgets::InventoryTools(m_session->client(), m_session->store(), this);
    m_inventoryTools->setCurrentItemProvider(
        [this] { return m_inventory->tree()->currentIndex().data(models::IdRole).toString(); });
    m_inventoryTools->populateMenu(menuBar()->addMenu(tr("&Inventory")));
    connect(m_inventoryTools, &widgets::InventoryTools::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 10'000); });
    connect(m_inventoryTools, &widgets::InventoryTools::revealRequested, this,
            [this](const models::LookupHit &hit) {
                reveal(hit.id, hit.storageId);
                // A scanned tube opens its box or plate with its cell selected; a scanned box
                // or plate opens its grid.
                const bool inGrid =
                    hit.storageId.startsWith(u"box_") || hit.storageId.startsWith(u"plt_");
                if (hit.kind == u"container" && inGrid)
                    m_inventory->revealTube(hit.storageId, hit.id);
                else if (hit.kind == u"box" || hit.kind == u"plate")
                    m_inventory->openStorage(hit.id);
            });
}

// Selects the tree row of what was found, or of where it is, when the tree holds it (the tube's
// cell in its box is the inventory view's: revealTube).
void MainWindow::reveal(const QString &id, const QString &storageId)
{
    showPage(InventoryPage);
    QModelIndex index = m_locations->indexForId(id);
    if (!index.isValid())
        index = m_locations->indexForId(storageId);
    if (index.isValid()) {
        m_inventory->tree()->scrollTo(index);
        m_inventory->tree()->setCurrentIndex(index);
    }
}

ConnectionDialog *MainWindow::openConnectionDialog()
{
    if (!m_connections->profiles())
        m_connections->setProfiles(new ConnectionProfiles);
    auto *dialog = new ConnectionDialog(m_connections->profiles(), m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConnectionDialog::activateRequested, m_connections,
            &ConnectionController::activate);
    connect(m_connections, &ConnectionController::activated, dialog, &QDialog::accept);
    dialog->show();
    return dialog;
}

void MainWindow::setSession(Session *session)
{
    const bool inventoryShown = currentPage() == InventoryPage;
    const bool sequencesShown = currentPage() == SequencesPage;
    const bool notebookShown = currentPage() == NotebookPage;
    // The views and models of the old session go first; the session itself goes after this.
    m_pages->removeWidget(m_inventory);
    delete m_inventory;
    delete m_locations;
    m_session = session;
    m_locations = new models::LocationTreeModel(session->client(), session->store(), this);
    m_inventory =
        new widgets::InventoryView(m_locations, session->client(), session->store(), this);
    m_pages->insertWidget(InventoryPage, m_inventory);
    wireInventory();
    m_pages->removeWidget(m_sequences);
    delete m_sequences;
    m_sequences = new widgets::SequencesPage(session->client(), session->store(), this);
    m_pages->insertWidget(SequencesPage, m_sequences);
    connect(m_sequences, &widgets::SequencesPage::message, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10'000); });
    if (sequencesShown)
        m_pages->setCurrentIndex(SequencesPage);
    connect(m_locations, &models::LocationTreeModel::loadFailed, this,
            [this](const QModelIndex &, const QString &message) {
                statusBar()->showMessage(message, 10'000);
            });
    m_pages->removeWidget(m_notebook);
    delete m_notebook;
    createNotebook();
    if (notebookShown)
        m_pages->setCurrentIndex(NotebookPage);
    m_connectionLabel->setText(session->description());
    watchLongWork(session->client());
    m_inventoryTools->setSession(session->client(), session->store());
    if (inventoryShown)
        m_pages->setCurrentIndex(InventoryPage);
    statusBar()->showMessage(tr("Connected: %1").arg(session->description()), 5'000);
}

// The inventory's moves: undo/redo in the Edit menu, results in the status bar, several tubes at
// once with progress; a tube's sequence opens on the Sequences page.
void MainWindow::wireInventory()
{
    m_editMenu->clear();
    QUndoStack *stack = m_inventory->undoStack();
    QAction *undo = stack->createUndoAction(m_editMenu, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = stack->createRedoAction(m_editMenu, tr("&Redo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
    m_editMenu->addAction(undo);
    m_editMenu->addAction(redo);
    connect(m_inventory, &widgets::InventoryView::statusMessage, statusBar(),
            &QStatusBar::showMessage);
    connect(m_inventory, &widgets::InventoryView::moveStarted, this,
            [this](models::ContainerMoveCommand *command, const QString &text) {
                if (command->moves().size() > 1) {
                    m_activity->track(command, text, {});
                    m_activity->setProgress(command, 0, 0, tr("tubes"));
                }
            });
    connect(m_inventory, &widgets::InventoryView::openSequenceRequested, this,
            [this](const QString &sequenceId) {
                showPage(SequencesPage);
                m_sequences->openSequence(sequenceId);
            });
}

void MainWindow::watchLongWork(models::ApiClient *client)
{
    // The indicator follows the work, not the network: the client only says what started.
    connect(client, &models::ApiClient::longWorkStarted, m_activity,
            [this](QObject *work, const QString &label) {
                if (auto *pager = qobject_cast<models::ListPager *>(work))
                    m_activity->track(pager, label);
                else if (auto *task = qobject_cast<models::TaskReply *>(work))
                    m_activity->track(task, label);
            });
    connect(client, &models::ApiClient::longWorkEnded, m_activity, &ActivityIndicator::finish);
}

QString MainWindow::connectionText() const
{
    return m_connectionLabel->text();
}

QWidget *MainWindow::createNavigation()
{
    m_navigation = new QListWidget(this);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setFixedWidth(170);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setIconSize(QSize(20, 20));
    m_navigation->setSpacing(2);
    m_navigation->setStyleSheet(QStringLiteral(
        "#navigation { background: palette(window); border-right: 1px solid palette(mid); "
        "padding-top: 8px; } #navigation::item { padding: 8px 10px; border-radius: 4px; } "
        "#navigation::item:selected { background: palette(highlight); "
        "color: palette(highlighted-text); }"));
    const QList<std::pair<QStyle::StandardPixmap, QString>> entries = {
        {QStyle::SP_DirIcon, tr("Inventory")},
        {QStyle::SP_FileDialogDetailedView, tr("Sequences")},
        {QStyle::SP_FileIcon, tr("Notebook")}};
    for (const auto &[icon, label] : entries)
        new QListWidgetItem(style()->standardIcon(icon), label, m_navigation);
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages,
            &QStackedWidget::setCurrentIndex);
    return m_navigation;
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (std::any_of(urls.cbegin(), urls.cend(), [](const QUrl &url) {
            return url.isLocalFile() && widgets::SequencesPage::isSequenceFile(url.toLocalFile());
        }))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList refused;
    bool any = false;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (!url.isLocalFile() || !widgets::SequencesPage::isSequenceFile(url.toLocalFile()))
            continue;
        if (!any)
            showPage(SequencesPage);
        any = true;
        QString error;
        if (!m_sequences->importFile(url.toLocalFile(), &error))
            refused << error;
    }
    if (!refused.isEmpty())
        statusBar()->showMessage(refused.join(u' '), 15'000);
    event->acceptProposedAction();
}

void MainWindow::showPage(Page page)
{
    m_navigation->setCurrentRow(page);
}

MainWindow::Page MainWindow::currentPage() const
{
    return static_cast<Page>(m_pages->currentIndex());
}

} // namespace benchtop::app
