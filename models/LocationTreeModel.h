// The location tree (freezers -> shelves -> racks), fetched lazily: a node's children are listed
// when the view first expands it, page by page. Listing a node asks for all its descendants
// (`ancestorStorageId`), so once a freezer is listed, expanding its shelves and racks needs no
// further request. Rows hold ids only; names and the rest come from the ResourceStore.
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
class ListPager;
class ResourceStore;

class LocationTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, BarcodeColumn, ColumnCount };

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
};

} // namespace benchtop::models
