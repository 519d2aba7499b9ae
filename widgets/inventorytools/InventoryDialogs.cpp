#include "InventoryDialogs.h"

#include "models/resources/Inventory.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace benchtop::widgets {

namespace {

QLabel *errorLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(u"errorText"_s);
    label->setWordWrap(true);
    label->setStyleSheet(u"color: #8a1c14;"_s);
    label->hide();
    return label;
}

QString gridText(const QJsonObject &schema)
{
    const int h = schema.value(u"height"_s).toInt();
    const int w = schema.value(u"width"_s).toInt();
    QString text = QCoreApplication::translate("InventoryDialogs", "%1 × %2 (%3 positions)")
                       .arg(h)
                       .arg(w)
                       .arg(h * w);
    if (schema.value(u"type"_s).toString() == u"plate"_s) {
        text += schema.value(u"plateType"_s).toString() == u"matrix_plate"_s
                    ? QCoreApplication::translate("InventoryDialogs", ", matrix plate (tubes)")
                    : QCoreApplication::translate("InventoryDialogs", ", well plate");
    }
    return text;
}

} // namespace

// ---- box or plate ----------------------------------------------------------------------------

CreateStorageDialog::CreateStorageDialog(Kind kind, models::InventoryCreator *creator,
                                         const QList<LocationChoice> &locations,
                                         const QString &parentId, QWidget *parent)
    : QDialog(parent)
    , m_kind(kind)
    , m_creator(creator)
    , m_name(new QLineEdit(this))
    , m_schema(new QComboBox(this))
    , m_size(new QLabel(this))
    , m_barcode(new QLineEdit(this))
    , m_parent(new QComboBox(this))
    , m_error(errorLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(kind == Kind::Box ? tr("New Box") : tr("New Plate"));
    m_name->setPlaceholderText(kind == Kind::Box ? tr("e.g. Glycerol stocks 2")
                                                 : tr("e.g. PCR plate 2024-04"));
    m_barcode->setPlaceholderText(tr("optional; scan or type"));
    m_parent->addItem(tr("(not stored in a location)"), QString());
    for (const LocationChoice &choice : locations)
        m_parent->addItem(choice.label, choice.id);
    const int at = m_parent->findData(parentId);
    m_parent->setCurrentIndex(at < 0 ? 0 : at);
    createButton()->setText(tr("Create"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Schema:"), m_schema);
    form->addRow(tr("Size:"), m_size);
    form->addRow(tr("&Barcode:"), m_barcode);
    form->addRow(tr("&Location:"), m_parent);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_schema, &QComboBox::currentIndexChanged, this, [this] {
        m_size->setText(gridText(m_creator->schema(m_schema->currentData().toString())));
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CreateStorageDialog::create);
    connect(m_buttons, &QDialogButtonBox::rejected, this, [this] {
        if (m_operation)
            m_operation->cancel();
        reject();
    });
    connect(m_creator, &models::InventoryCreator::schemasReady, this,
            &CreateStorageDialog::fillSchemas);
    connect(m_creator, &models::InventoryCreator::schemasFailed, this,
            [this](const QString &message) {
                m_error->setText(tr("Could not load the schemas. %1").arg(message));
                m_error->show();
            });
    if (m_creator->schemasLoaded())
        fillSchemas();
    else
        m_creator->loadSchemas();
    createButton()->setEnabled(m_schema->count() > 0);
}

QPushButton *CreateStorageDialog::createButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QString CreateStorageDialog::errorText() const
{
    return m_error->isVisible() || !m_error->isHidden() ? m_error->text() : QString();
}

void CreateStorageDialog::fillSchemas()
{
    const QString kind = m_kind == Kind::Box ? u"box"_s : u"plate"_s;
    const QString current = m_schema->currentData().toString();
    m_schema->clear();
    for (const QJsonObject &schema : m_creator->schemas(kind))
        m_schema->addItem(schema.value(u"name"_s).toString(), schema.value(u"id"_s).toString());
    const int at = m_schema->findData(current);
    if (at >= 0)
        m_schema->setCurrentIndex(at);
    createButton()->setEnabled(m_schema->count() > 0);
}

void CreateStorageDialog::setBusy(bool busy)
{
    for (QWidget *w : {static_cast<QWidget *>(m_name), static_cast<QWidget *>(m_schema),
                       static_cast<QWidget *>(m_barcode), static_cast<QWidget *>(m_parent)})
        w->setEnabled(!busy);
    createButton()->setEnabled(!busy);
}

void CreateStorageDialog::create()
{
    if (m_operation)
        return;
    m_error->hide();
    if (m_schema->currentData().toString().isEmpty()) {
        m_error->setText(tr("Choose a schema: it gives the grid's size."));
        m_error->show();
        return;
    }
    const QString name = m_name->text().trimmed();
    const QString schema = m_schema->currentData().toString();
    const QString barcode = m_barcode->text().trimmed();
    const QString parentId = m_parent->currentData().toString();
    m_operation = m_kind == Kind::Box
                      ? m_creator->createBox({name, schema, barcode, parentId}, this)
                      : m_creator->createPlate({name, schema, barcode, parentId}, this);
    setBusy(true);
    connect(m_operation, &models::CreateOperation::succeeded, this, [this](const QJsonArray &made) {
        m_created = made.first().toObject();
        Q_EMIT created(m_created);
        accept();
    });
    connect(m_operation, &models::CreateOperation::failed, this, [this](const QString &message) {
        m_operation = nullptr;
        setBusy(false);
        m_error->setText(message);
        m_error->show();
    });
    connect(m_operation, &models::CreateOperation::finished, m_operation, &QObject::deleteLater);
}

// ---- tubes -----------------------------------------------------------------------------------

CreateTubesDialog::CreateTubesDialog(models::InventoryCreator *creator, const QJsonObject &storage,
                                     QWidget *parent)
    : QDialog(parent)
    , m_creator(creator)
    , m_storage(storage)
    , m_range(new QLineEdit(this))
    , m_namePattern(new QLineEdit(u"Sample {n}"_s, this))
    , m_first(new QSpinBox(this))
    , m_barcodePattern(new QLineEdit(this))
    , m_schema(new QComboBox(this))
    , m_preview(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_error(errorLabel(this))
    , m_refusals(new QListWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Fill %1 with Tubes").arg(storage.value(u"name"_s).toString()));
    m_range->setPlaceholderText(tr("e.g. A1-C12"));
    m_first->setRange(0, 9'999'999);
    m_first->setValue(1);
    m_barcodePattern->setPlaceholderText(tr("optional, e.g. S-{n:5}"));
    m_preview->setWordWrap(true);
    m_preview->setObjectName(u"preview"_s);
    m_progress->setRange(0, 0);
    m_progress->hide();
    m_refusals->setObjectName(u"refusals"_s);
    m_refusals->hide();
    createButton()->setText(tr("Create Tubes"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Positions:"), m_range);
    form->addRow(tr("&Names:"), m_namePattern);
    form->addRow(tr("First &number:"), m_first);
    form->addRow(tr("&Barcodes:"), m_barcodePattern);
    form->addRow(tr("Tube &schema:"), m_schema);
    auto *hint = new QLabel(
        tr("{n} is the tube's number, {n:4} the same padded to 4 digits, {pos} its position."),
        this);
    hint->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addWidget(m_preview);
    layout->addWidget(m_progress);
    layout->addWidget(m_error);
    layout->addWidget(m_refusals);
    layout->addWidget(m_buttons);

    for (QLineEdit *edit : {m_range, m_namePattern, m_barcodePattern})
        connect(edit, &QLineEdit::textChanged, this, &CreateTubesDialog::updatePreview);
    connect(m_first, &QSpinBox::valueChanged, this, &CreateTubesDialog::updatePreview);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CreateTubesDialog::create);
    connect(m_buttons, &QDialogButtonBox::rejected, this, [this] {
        if (m_operation) {
            // The first Cancel stops following the task and says what that means.
            m_operation->cancel();
            return;
        }
        reject();
    });
    connect(m_creator, &models::InventoryCreator::schemasReady, this,
            &CreateTubesDialog::takeSchemas);
    if (m_creator->schemasLoaded())
        takeSchemas();
    else
        m_creator->loadSchemas();
    updatePreview();
}

QPushButton *CreateTubesDialog::createButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QPushButton *CreateTubesDialog::cancelButton() const
{
    return m_buttons->button(QDialogButtonBox::Cancel);
}

QString CreateTubesDialog::previewText() const
{
    return m_preview->text();
}

QString CreateTubesDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void CreateTubesDialog::takeSchemas()
{
    const QJsonObject storageSchema =
        m_creator->schema(m_storage.value(u"schema"_s).toObject().value(u"id"_s).toString());
    m_rows = storageSchema.value(u"height"_s).toInt();
    m_columns = storageSchema.value(u"width"_s).toInt();
    const QString preferred =
        storageSchema.value(u"containerSchema"_s).toObject().value(u"id"_s).toString();
    m_schema->clear();
    for (const QJsonObject &schema : m_creator->schemas(u"container"_s))
        m_schema->addItem(schema.value(u"name"_s).toString(), schema.value(u"id"_s).toString());
    const int at = m_schema->findData(preferred);
    if (at >= 0)
        m_schema->setCurrentIndex(at);
    if (m_range->text().isEmpty() && m_rows > 0)
        m_range->setText(
            QString(u"A1-"_s + models::StorageSchema::positionName({m_rows - 1, m_columns - 1})));
    updatePreview();
}

QList<models::NewTube> CreateTubesDialog::tubes() const
{
    if (m_rows == 0)
        return {};
    QString error;
    const auto positions =
        models::InventoryCreator::positionsInRange(m_range->text(), m_rows, m_columns, &error);
    if (!positions)
        return {};
    models::TubeFill fill;
    fill.positions = *positions;
    fill.namePattern = m_namePattern->text();
    fill.barcodePattern = m_barcodePattern->text().trimmed();
    fill.firstNumber = m_first->value();
    return models::InventoryCreator::tubesFor(fill);
}

void CreateTubesDialog::updatePreview()
{
    if (m_operation)
        return;
    if (m_rows == 0) {
        m_preview->setText(tr("Loading the box's grid…"));
        createButton()->setEnabled(false);
        return;
    }
    QString error;
    const auto positions =
        models::InventoryCreator::positionsInRange(m_range->text(), m_rows, m_columns, &error);
    const QList<models::NewTube> made = tubes();
    if (!positions || made.isEmpty()) {
        m_preview->setText(error);
        createButton()->setEnabled(false);
        return;
    }
    const models::NewTube &first = made.first();
    const models::NewTube &last = made.last();
    const auto describe = [](const models::NewTube &t) {
        return t.barcode.isEmpty()
                   ? QString(t.name + u" (" + t.position + u')')
                   : QString(t.name + u" (" + t.position + u", " + t.barcode + u')');
    };
    m_preview->setText(
        made.size() == 1
            ? tr("1 tube: %1").arg(describe(first))
            : tr("%1 tubes: %2 … %3").arg(made.size()).arg(describe(first), describe(last)));
    createButton()->setEnabled(!m_namePattern->text().trimmed().isEmpty() && m_schema->count() > 0);
}

void CreateTubesDialog::setBusy(bool busy)
{
    for (QWidget *w : {static_cast<QWidget *>(m_range), static_cast<QWidget *>(m_namePattern),
                       static_cast<QWidget *>(m_first), static_cast<QWidget *>(m_barcodePattern),
                       static_cast<QWidget *>(m_schema)})
        w->setEnabled(!busy);
    createButton()->setEnabled(!busy);
    m_progress->setVisible(busy);
}

void CreateTubesDialog::create()
{
    if (m_operation)
        return;
    const QList<models::NewTube> made = tubes();
    if (made.isEmpty())
        return;
    m_error->hide();
    m_refusals->clear();
    m_refusals->hide();
    m_operation = m_creator->createTubes(m_storage.value(u"id"_s).toString(),
                                         m_schema->currentData().toString(), made, this);
    setBusy(true);
    m_preview->setText(tr("Creating %n tube(s) in one task…", "", int(made.size())));
    connect(m_operation, &models::CreateOperation::progress, this,
            [this](int polls, qint64 elapsedMs) {
                m_preview->setText(tr("The server is creating the tubes (%1 s)…")
                                       .arg(double(elapsedMs) / 1000.0, 0, 'f', 1));
                Q_UNUSED(polls);
            });
    connect(m_operation, &models::CreateOperation::succeeded, this,
            [this](const QJsonArray &tubesMade) {
                m_created = tubesMade;
                Q_EMIT created(tubesMade);
                accept();
            });
    connect(m_operation, &models::CreateOperation::failed, this,
            [this](const QString &message, const QStringList &refusals) {
                m_operation = nullptr;
                setBusy(false);
                m_error->setText(refusals.isEmpty()
                                     ? message
                                     : QString(message + u' ' + tr("Nothing was created.")));
                m_error->show();
                if (!refusals.isEmpty()) {
                    m_refusals->addItems(refusals);
                    m_refusals->show();
                }
                updatePreview();
            });
    connect(m_operation, &models::CreateOperation::finished, m_operation, &QObject::deleteLater);
}

} // namespace benchtop::widgets
