#include "InventoryTools.h"

#include "BarcodeSearch.h"
#include "LabelSheet.h"
#include "models/BoxContentsModel.h"
#include "models/inventory/InventoryCreator.h"
#include "models/store/ResourceStore.h"

#include <QDialog>
#include <QFileDialog>
#include <QMenu>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace benchtop::widgets {

InventoryTools::InventoryTools(models::ApiClient *client, models::ResourceStore *store,
                               QWidget *window)
    : QObject(window)
    , m_client(client)
    , m_store(store)
    , m_window(window)
    , m_creator(new models::InventoryCreator(client, store, this))
    , m_lookup(new models::BarcodeLookup(client, store, this))
{}

void InventoryTools::setSession(models::ApiClient *client, models::ResourceStore *store)
{
    delete m_search;
    delete m_creator;
    delete m_lookup;
    m_client = client;
    m_store = store;
    m_creator = new models::InventoryCreator(client, store, this);
    m_lookup = new models::BarcodeLookup(client, store, this);
}

void InventoryTools::populateMenu(QMenu *menu)
{
    menu->addAction(tr("New &Box…"), this, [this] { newBox(current())->show(); });
    menu->addAction(tr("New &Plate…"), this, [this] { newPlate(current())->show(); });
    menu->addAction(tr("&Fill Box with Tubes…"), this, [this] {
        if (CreateTubesDialog *dialog = fillWithTubes(current()))
            dialog->show();
    });
    menu->addSeparator();
    menu->addAction(tr("Print &Labels to PDF…"), this, [this] {
        const QString id = current();
        if (id.isEmpty()) {
            Q_EMIT message(tr("Select a box, plate, tube or location to print labels for."));
            return;
        }
        const QString path = QFileDialog::getSaveFileName(m_window, tr("Print Labels"),
                                                          tr("labels.pdf"), tr("PDF (*.pdf)"));
        if (!path.isEmpty())
            printLabels(id, path);
    });
    for (const bool pdf : {false, true}) {
        menu->addAction(
            pdf ? tr("Export Box Map as P&DF…") : tr("Export Box Map as &CSV…"), this, [this, pdf] {
                const QString id = current();
                if (!id.startsWith(u"box_"_s)) {
                    Q_EMIT message(tr("Select a box to export its map."));
                    return;
                }
                const QString path = QFileDialog::getSaveFileName(
                    m_window, tr("Export Box Map"), pdf ? tr("box-map.pdf") : tr("box-map.csv"),
                    pdf ? tr("PDF (*.pdf)") : tr("CSV (*.csv)"));
                if (!path.isEmpty())
                    exportBoxMap(id, path, pdf);
            });
    }
    menu->addSeparator();
    QAction *find = menu->addAction(tr("Find by &Barcode…"), this, [this] { showBarcodeSearch(); });
    find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
}

QList<LocationChoice> InventoryTools::locationChoices() const
{
    // Every location the store holds, as a tree walk from the top (names indented by depth).
    QList<LocationChoice> choices;
    std::function<void(const QString &, int)> walk = [&](const QString &parent, int depth) {
        QStringList children;
        for (const QString &id : m_store->childrenOf(parent))
            if (id.startsWith(u"loc_"_s))
                children.append(id);
        std::sort(children.begin(), children.end(), [this](const QString &a, const QString &b) {
            return m_store->value(a).value(u"name"_s).toString() <
                   m_store->value(b).value(u"name"_s).toString();
        });
        for (const QString &id : children) {
            choices.append({id, QString(QString(depth * 2, u' ') +
                                        m_store->value(id).value(u"name"_s).toString())});
            if (depth < 8)
                walk(id, depth + 1);
        }
    };
    walk(QString(), 0);
    return choices;
}

QList<LocationChoice> InventoryTools::locationChoices(const QString &preferred) const
{
    QList<LocationChoice> choices = locationChoices();
    // The chosen location is offered even when the store has not placed it in the tree.
    const bool listed = std::any_of(choices.cbegin(), choices.cend(),
                                    [&](const LocationChoice &c) { return c.id == preferred; });
    if (!listed && preferred.startsWith(u"loc_"_s) && m_store->contains(preferred))
        choices.prepend({preferred, m_store->value(preferred).value(u"name"_s).toString()});
    return choices;
}

CreateStorageDialog *InventoryTools::newBox(const QString &parentId)
{
    auto *dialog = new CreateStorageDialog(CreateStorageDialog::Kind::Box, m_creator,
                                           locationChoices(parentId), parentId, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateStorageDialog::created, this, [this](const QJsonObject &box) {
        Q_EMIT message(tr("Created box %1.").arg(box.value(u"name"_s).toString()));
    });
    return dialog;
}

CreateStorageDialog *InventoryTools::newPlate(const QString &parentId)
{
    auto *dialog = new CreateStorageDialog(CreateStorageDialog::Kind::Plate, m_creator,
                                           locationChoices(parentId), parentId, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateStorageDialog::created, this, [this](const QJsonObject &plate) {
        Q_EMIT message(tr("Created plate %1.").arg(plate.value(u"name"_s).toString()));
    });
    return dialog;
}

CreateTubesDialog *InventoryTools::fillWithTubes(const QString &storageId)
{
    if (!(storageId.startsWith(u"box_"_s) || storageId.startsWith(u"plt_"_s)) ||
        !m_store->contains(storageId)) {
        Q_EMIT message(tr("Select a box (or a matrix plate) to fill with tubes."));
        return nullptr;
    }
    auto *dialog = new CreateTubesDialog(m_creator, m_store->value(storageId), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateTubesDialog::created, this, [this](const QJsonArray &tubes) {
        Q_EMIT message(tr("Created %n tube(s).", "", int(tubes.size())));
    });
    return dialog;
}

void InventoryTools::withBox(const QString &boxId,
                             std::function<void(const BoxMap &, const QString &)> then)
{
    auto *model = new models::BoxContentsModel(m_client, m_store, boxId, this);
    auto once = std::make_shared<bool>(false);
    connect(model, &models::BoxContentsModel::ready, this, [this, model, then, once] {
        if (std::exchange(*once, true))
            return;
        then(BoxMap::from(*model, *m_store), {});
        model->deleteLater();
    });
    connect(model, &models::BoxContentsModel::failed, this,
            [model, then, once](const QString &error) {
                if (std::exchange(*once, true))
                    return;
                then({}, error);
                model->deleteLater();
            });
    model->open();
}

void InventoryTools::printLabels(const QString &id, const QString &path)
{
    const auto finish = [this, path](const QList<LabelData> &labels) {
        QString error;
        const int pages = printLabelsToPdf(labels, path, {}, &error);
        const QString text =
            pages > 0 ? tr("Printed %n label(s) to %1.", "", int(labels.size())).arg(path) : error;
        Q_EMIT message(text);
        Q_EMIT done(path, pages > 0, text);
    };
    if (id.startsWith(u"box_"_s)) {
        withBox(id, [this, id, path, finish](const BoxMap &map, const QString &error) {
            if (!error.isEmpty()) {
                Q_EMIT done(path, false, error);
                return;
            }
            QList<LabelData> labels{LabelData::fromResource(m_store->value(id))};
            for (const BoxMapEntry &e : map.entries)
                if (!e.id.isEmpty())
                    labels.append(LabelData::fromResource(m_store->value(e.id),
                                                          QString(map.name + u" · " + e.position)));
            finish(labels);
        });
        return;
    }
    const QJsonObject resource = m_store->value(id);
    if (resource.isEmpty()) {
        Q_EMIT done(path, false, tr("%1 is not loaded.").arg(id));
        return;
    }
    QList<LabelData> labels{LabelData::fromResource(resource)};
    // A plate's wells or matrix tubes, as its answer lists them.
    const QJsonObject wells = resource.value(u"wells"_s).toObject();
    for (auto it = wells.begin(); it != wells.end(); ++it)
        labels.append(LabelData::fromResource(
            it.value().toObject(),
            QString(resource.value(u"name"_s).toString() + u" · " + it.key())));
    finish(labels);
}

void InventoryTools::exportBoxMap(const QString &boxId, const QString &path, bool pdf)
{
    withBox(boxId, [this, path, pdf](const BoxMap &map, const QString &loadError) {
        QString error = loadError;
        const bool ok = error.isEmpty() && (pdf ? exportBoxMapPdf(map, path, &error)
                                                : exportBoxMapCsv(map, path, &error));
        const QString text = ok ? tr("Exported the map of %1 to %2.").arg(map.name, path) : error;
        Q_EMIT message(text);
        Q_EMIT done(path, ok, text);
    });
}

BarcodeSearchBar *InventoryTools::showBarcodeSearch()
{
    if (m_search) {
        m_search->show();
        m_search->raise();
        m_search->activateWindow();
        return m_search->findChild<BarcodeSearchBar *>();
    }
    auto *window = new QDialog(m_window);
    window->setWindowTitle(tr("Find by Barcode"));
    window->setAttribute(Qt::WA_DeleteOnClose);
    auto *bar = new BarcodeSearchBar(m_lookup, window);
    auto *layout = new QVBoxLayout(window);
    layout->addWidget(bar);
    window->resize(480, window->sizeHint().height());
    connect(bar, &BarcodeSearchBar::revealRequested, this, &InventoryTools::revealRequested);
    m_search = window;
    window->show();
    bar->field()->setFocus();
    return bar;
}

} // namespace benchtop::widgets
