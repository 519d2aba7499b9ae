// The main window: a navigation side bar (Inventory, Sequences, Notebook) beside the page it
// selects, and the active connection in the status bar.
#pragma once

#include <QMainWindow>

class QListWidget;
class QMenu;
class QStackedWidget;
class QLabel;

namespace benchtop::models {
class ApiClient;
class LocationTreeModel;
} // namespace benchtop::models
namespace benchtop::widgets {
class InventoryTools;
class InventoryView;
class OfflineBanner;
class SequencesPage;
namespace notebook {
class NotebookView;
}
} // namespace benchtop::widgets

namespace benchtop::app {

class ActivityIndicator;
class ConnectionController;
class ConnectionDialog;
class Session;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Page { InventoryPage, SequencesPage, NotebookPage };

    explicit MainWindow(Session *session, QWidget *parent = nullptr);

    models::LocationTreeModel *locationModel() const { return m_locations; }
    widgets::InventoryView *inventoryView() const { return m_inventory; }
    widgets::OfflineBanner *offlineBanner() const { return m_offlineBanner; }
    widgets::SequencesPage *sequencesPage() const { return m_sequences; }
    widgets::notebook::NotebookView *notebookView() const { return m_notebook; }
    void showPage(Page page);
    Page currentPage() const;

    // Connections: the dialog (Connection menu) switches profiles through the controller;
    // setSession rebuilds the pages on another session without restarting.
    ConnectionController *connections() const { return m_connections; }
    ConnectionDialog *openConnectionDialog();
    void setSession(Session *session);
    Session *session() const { return m_session; }
    QString connectionText() const;
    // Long work shows its progress here and offers Cancel in the status bar: whatever the
    // session's client announces (ApiClient::longWorkStarted), or what registers directly.
    ActivityIndicator *activity() const { return m_activity; }

    // The Inventory menu: create boxes, plates and tubes, labels, box maps, barcode search.
    widgets::InventoryTools *inventoryTools() const { return m_inventoryTools; }

protected:
    // Sequence files dropped anywhere on the window (not only on the Sequences page) are
    // imported there: the page comes forward and opens what was imported.
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QWidget *createNavigation();
    void createConnectionMenu();
    void wireInventory();
    void watchLongWork(models::ApiClient *client);
    void createInventoryMenu();
    void reveal(const QString &id, const QString &storageId);
    void createNotebook();

    Session *m_session;
    models::LocationTreeModel *m_locations;
    widgets::InventoryView *m_inventory;
    widgets::SequencesPage *m_sequences = nullptr;
    widgets::notebook::NotebookView *m_notebook = nullptr;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages;
    widgets::OfflineBanner *m_offlineBanner;
    QLabel *m_connectionLabel;
    ConnectionController *m_connections = nullptr;
    ActivityIndicator *m_activity = nullptr;
    QMenu *m_editMenu = nullptr;
    widgets::InventoryTools *m_inventoryTools = nullptr;
};

} // namespace benchtop::app
