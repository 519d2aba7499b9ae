// The inventory tools of issue #5 behind one object: an "Inventory" menu (new box, new plate,
// fill a box with tubes, print labels, export a box map as CSV or PDF, find by barcode) that
// the main window adds to its menu bar. Every action works on "the current item", which the
// host supplies (the selection of the inventory view), and the same operations are public so
// a view can call them directly (a context menu, a tool bar).
#pragma once

#include "BoxMapExport.h"
#include "InventoryDialogs.h"
#include "models/inventory/BarcodeLookup.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QMenu;
class QWidget;

namespace benchtop::models {
class ApiClient;
class InventoryCreator;
class ResourceStore;
} // namespace benchtop::models

namespace benchtop::widgets {

class BarcodeSearchBar;
class CreateStorageDialog;
class CreateTubesDialog;

class InventoryTools : public QObject
{
    Q_OBJECT
public:
    InventoryTools(models::ApiClient *client, models::ResourceStore *store, QWidget *window);

    // A new connection: the tools work on its client and store from now on.
    void setSession(models::ApiClient *client, models::ResourceStore *store);
    // What the actions work on: the id of the selected location, box, plate or tube.
    void setCurrentItemProvider(std::function<QString()> provider)
    {
        m_current = std::move(provider);
    }

    // Adds the Inventory menu's actions to `menu`.
    void populateMenu(QMenu *menu);

    CreateStorageDialog *newBox(const QString &parentId = {});
    CreateStorageDialog *newPlate(const QString &parentId = {});
    // Null (and a message) when `storageId` is not a box or plate held in the store.
    CreateTubesDialog *fillWithTubes(const QString &storageId);
    // Labels for `id` into the PDF `path`: a box or plate, then each of its tubes; or one tube
    // or location. Ends in done(path, ok, message).
    void printLabels(const QString &id, const QString &path);
    // The box map of `boxId` as CSV, or PDF when `pdf`; ends in done(path, ok, message).
    void exportBoxMap(const QString &boxId, const QString &path, bool pdf);
    // A small window with the barcode search bar.
    BarcodeSearchBar *showBarcodeSearch();
    models::InventoryCreator *creator() const { return m_creator; }
    models::BarcodeLookup *lookup() const { return m_lookup; }

Q_SIGNALS:
    // Asks the inventory view to show what a search found.
    void revealRequested(const benchtop::models::LookupHit &hit);
    // Something created, printed or exported, or why not: for the status bar.
    void message(const QString &text);
    void done(const QString &path, bool ok, const QString &message);

private:
    QList<LocationChoice> locationChoices() const;
    QList<LocationChoice> locationChoices(const QString &preferred) const;
    QString current() const { return m_current ? m_current() : QString(); }
    // Runs `then` once the box's contents are loaded (from the store when it can).
    void withBox(const QString &boxId,
                 std::function<void(const BoxMap &, const QString &error)> then);

    models::ApiClient *m_client;
    models::ResourceStore *m_store;
    QWidget *m_window;
    models::InventoryCreator *m_creator;
    models::BarcodeLookup *m_lookup;
    std::function<QString()> m_current;
    QPointer<QWidget> m_search;
};

} // namespace benchtop::widgets
