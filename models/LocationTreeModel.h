// The location tree (freezers -> shelves -> racks), fetched lazily: a node's children are listed
// when the view first expands it, page by page. Listing a node asks for all its descendants
// (`ancestorStorageId`), so once a freezer is listed, expanding its shelves and racks needs no
// further request. Rows hold ids only; names and the rest come from the ResourceStore.
//
// With setShowsStorage(true) a listing also walks the boxes and plates below the node (after its
// locations), so they appear as leaves under their location, with a "filled / total" column
// (from the server's capacity fields, kept live from the store once a box's tubes are held; a
// location sums what is stored below it). The counts are worked out once per row and kept until
// the store reports a change below it (a tube or box moved, created, archived or gone, a box's
// tubes listed): then that row and those above it are worked out again when next shown, so a
// paint costs one lookup per visible row. Locations take dropped tubes (unpositioned) through
// the InventoryMover.
#pragma once

#include "Roles.h"
#include "api/ApiError.h"

#include <QAbstractItemModel>
#include <QCollator>
#include <QHash>
#include <QSet>

#include <memory>
#include <vector>

namespace benchtop::models {

class ApiClient;
class InventoryMover;
class ListPager;
class ResourceStore;

class LocationTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, BarcodeColumn, FilledColumn, ColumnCount };

    LocationTreeModel(ApiClient *client, ResourceStore *store, QObject *parent = nullptr);
    ~LocationTreeModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // The row of a location already in the tree, or an invalid index.
    QModelIndex indexForId(const QString &id) const;
    LoadState loadState(const QModelIndex &parent) const;
    // Tries a failed load of `parent`'s children again (fetchMore does not, after a failure).
    void retry(const QModelIndex &parent);

    // List boxes and plates as leaves too (set before the first fetch).
    void setShowsStorage(bool shows) { m_showsStorage = shows; }
    void setMover(InventoryMover *mover) { m_mover = mover; }
    // Positions filled and in all below `id` (a box, plate or location); total 0 when unknown.
    std::pair<int, int> filledOf(const QString &id) const;
    // How many of those counts were worked out (a walk below the node) since the model was made:
    // for tests and benchmarks of painting.
    qint64 filledComputations() const { return m_filledComputations; }
    // The names from the top down to `id` ("Freezer F1 › Shelf 1 › Rack 1-A").
    QStringList pathOf(const QString &id) const;

    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;
    Qt::DropActions supportedDropActions() const override;

Q_SIGNALS:
    // A page of `parent`'s children arrived (complete: none are left to fetch).
    void loadFinished(const QModelIndex &parent, bool complete);
    void loadFailed(const QModelIndex &parent, const QString &message);

private:
    struct Node;
    Node *nodeFor(const QModelIndex &index) const;
    Node *nodeById(const QString &id) const; // "" is the root
    void removeNode(Node *node);
    void forget(Node *node);
    QModelIndex indexFor(const Node *node, int column = 0) const;
    bool subtreeKnown(const Node *node) const;
    void startListing(Node *node);
    void onPage(Node *node, const QJsonArray &items);
    void onFailed(Node *node, const ApiError &error);
    void recordSeen(const QJsonObject &location);
    void insertKnownChildren(Node *node);
    bool lessThan(const QString &a, const QString &b) const;
    void onStoreChanged(const QString &id);
    void onStoreRemoved(const QString &id);
    // Forgets the kept count of `id` and of every row above it (dataChanged for those shown).
    void invalidateFilled(const QString &id);

    ApiClient *m_client;
    ResourceStore *m_store;
    std::unique_ptr<Node> m_root;
    QHash<QString, Node *> m_nodes;
    // Everything any listing has shown so far: parent id ("" for top level) -> child ids.
    QHash<QString, QStringList> m_childrenSeen;
    QHash<QString, QString> m_parentOf; // id -> parent id as last listed
    // Nodes whose whole subtree has been listed ("" for the root: all locations).
    QSet<QString> m_subtreeComplete;
    QCollator m_collator;
    bool m_showsStorage = false;
    InventoryMover *m_mover = nullptr;
    // Tube id -> the storage row it counts in (filledOf notes the tubes it counts, so a tube
    // that leaves or goes is known to change that count).
    mutable QHash<QString, QString> m_containerParent;
    mutable QHash<QString, std::pair<int, int>> m_filled; // id -> filledOf(id) as last worked out
    mutable qint64 m_filledComputations = 0;
};

} // namespace benchtop::models
