// The inventory page: the location tree (freezers down to boxes and plates, with filled/total
// counts and breadcrumbs) with a banner that says when a listing failed and offers to retry;
// beside it one or more open boxes or plates (Open / Open beside), and the inspector. Moves go
// through one InventoryMover, whose undo stack the Edit menu shows. Never talks to the network
// itself: models and the store do.
#pragma once

#include <QPersistentModelIndex>
#include <QWidget>

class QLabel;
class QPushButton;
class QSplitter;
class QTreeView;
class QUndoStack;

namespace benchtop::models {
class ApiClient;
class ContainerMoveCommand;
class InventoryActions;
class InventoryMover;
class LocationTreeModel;
class ResourceStore;
} // namespace benchtop::models

namespace benchtop::widgets {

class InventoryView : public QWidget
{
    Q_OBJECT
public:
    InventoryView(models::LocationTreeModel *model, models::ApiClient *client,
                  models::ResourceStore *store, QWidget *parent = nullptr);

    QTreeView *tree() const { return m_tree; }
    models::InventoryMover *mover() const { return m_mover; }
    QUndoStack *undoStack() const;
    class StorageInspector *inspector() const { return m_inspector; }
    QList<class BoxPanel *> panels() const;
    // Opens a box or plate: in place of the first one shown, or beside those shown.
    BoxPanel *openStorage(const QString &storageId, bool beside = false);
    // Shows tube `tubeId` where it sits: opens its box or plate `storageId` (as openStorage)
    // and selects its cell there, now or once the box's contents have arrived.
    BoxPanel *revealTube(const QString &storageId, const QString &tubeId);
    QString breadcrumbs() const;
    QPushButton *retryButton() const { return m_retry; }
    QString statusText() const;

Q_SIGNALS:
    void openSequenceRequested(const QString &sequenceId);
    // A line for the status bar (a move landed or was refused).
    void statusMessage(const QString &message, int timeoutMs);
    // A move went out: long ones (several tubes) deserve a progress indicator.
    void moveStarted(benchtop::models::ContainerMoveCommand *command, const QString &text);

private:
    void onTreeCurrentChanged(const QModelIndex &current);
    void showTreeMenu(const QPoint &at);
    void closePanel(BoxPanel *panel);
    void showFailure(const QModelIndex &parent, const QString &message);
    void forgetLoaded();
    void retry();

    struct Failure
    {
        QPersistentModelIndex index; // invalid for the top level
        bool isRoot = false;         // tells the top level from a row that has gone
    };

    models::LocationTreeModel *m_model;
    models::ApiClient *m_client;
    models::ResourceStore *m_store;
    models::InventoryMover *m_mover;
    models::InventoryActions *m_actions;
    QTreeView *m_tree;
    QLabel *m_breadcrumbs;
    QSplitter *m_boxes;
    QLabel *m_boxesHint;
    StorageInspector *m_inspector;
    QWidget *m_banner;
    QLabel *m_bannerText;
    QPushButton *m_retry;
    QList<Failure> m_failed; // every place whose listing failed, for one Retry
};

} // namespace benchtop::widgets
