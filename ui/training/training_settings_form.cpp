// SPDX-License-Identifier: MIT
#include "ui/training/training_settings_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace bidlab::ui {

namespace {

QSpinBox* spin(int low, int high, int value, const QString& name, QWidget* parent)
{
    auto* box = new QSpinBox(parent);
    box->setRange(low, high);
    box->setValue(value);
    box->setObjectName(name);
    return box;
}

QLineEdit* numberEdit(const QString& value, const QString& name, QWidget* parent)
{
    auto* edit = new QLineEdit(value, parent);
    edit->setObjectName(name);
    return edit;
}

// A strictly parsed number from a line edit, or an error naming the field.
Expected<double> number(const QLineEdit* edit, const QString& field)
{
    bool ok = false;
    const double v = edit->text().trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return Error { QObject::tr("%1 must be a number, not '%2'.").arg(field, edit->text()) };
    return v;
}

} // namespace

TrainingSettingsForm::TrainingSettingsForm(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(dataGroup());
    layout->addWidget(modelGroup());
    layout->addWidget(splitGroup());
    layout->addWidget(searchGroup());
    auto* buttons = new QHBoxLayout;
    auto* train = new QPushButton(tr("&Train"), this);
    train->setObjectName(QStringLiteral("trainButton"));
    auto* tune = new QPushButton(tr("T&une"), this);
    tune->setObjectName(QStringLiteral("tuneButton"));
    buttons->addWidget(train);
    buttons->addWidget(tune);
    layout->addLayout(buttons);
    layout->addStretch();
    connect(train, &QPushButton::clicked, this, &TrainingSettingsForm::trainRequested);
    connect(tune, &QPushButton::clicked, this, &TrainingSettingsForm::tuneRequested);
}

QWidget* TrainingSettingsForm::dataGroup()
{
    auto* group = new QGroupBox(tr("Data"), this);
    auto* form = new QFormLayout(group);
    m_path = new QLineEdit(group);
    m_path->setObjectName(QStringLiteral("dataPath"));
    m_path->setPlaceholderText(tr("CSV, TSV or Criteo file"));
    auto* browse = new QToolButton(group);
    browse->setText(tr("…"));
    browse->setToolTip(tr("Choose the data file"));
    auto* row = new QHBoxLayout;
    row->addWidget(m_path);
    row->addWidget(browse);
    form->addRow(tr("File"), row);
    m_format = new QComboBox(group);
    m_format->addItems({ tr("Detect"), tr("CSV with header"), tr("Criteo TSV") });
    form->addRow(tr("Format"), m_format);
    m_label = new QLineEdit(group);
    m_label->setPlaceholderText(tr("label, click, y, ... or #N"));
    form->addRow(tr("Label column"), m_label);
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Training data"), m_path->text(),
                                                          tr("Data (*.csv *.tsv *.txt);;All files (*)"));
        if (!path.isEmpty())
            setDataPath(path);
    });
    connect(m_path, &QLineEdit::editingFinished, this, &TrainingSettingsForm::dataChanged);
    connect(m_format, &QComboBox::currentIndexChanged, this, &TrainingSettingsForm::dataChanged);
    connect(m_label, &QLineEdit::editingFinished, this, &TrainingSettingsForm::dataChanged);
    return group;
}

QWidget* TrainingSettingsForm::modelGroup()
{
    auto* group = new QGroupBox(tr("Model"), this);
    auto* layout = new QVBoxLayout(group);
    m_model = new QComboBox(group);
    m_model->setObjectName(QStringLiteral("modelKind"));
    m_model->addItems({ tr("Logistic regression"), tr("Random forest") });
    layout->addWidget(m_model);
    m_modelPages = new QStackedWidget(group);
    auto* logistic = new QWidget(m_modelPages);
    auto* lf = new QFormLayout(logistic);
    lf->setContentsMargins(0, 0, 0, 0);
    m_optimizer = new QComboBox(logistic);
    m_optimizer->addItems({ tr("L-BFGS (full batch)"), tr("FTRL (mini-batch)") });
    lf->addRow(tr("Optimiser"), m_optimizer);
    m_l2 = numberEdit(QStringLiteral("1e-6"), QStringLiteral("l2"), logistic);
    lf->addRow(tr("L2"), m_l2);
    m_l1 = numberEdit(QStringLiteral("0"), QStringLiteral("l1"), logistic);
    m_l1->setToolTip(tr("FTRL only"));
    lf->addRow(tr("L1"), m_l1);
    m_hashBits = spin(1, 24, 18, QStringLiteral("hashBits"), logistic);
    lf->addRow(tr("Hash bits"), m_hashBits);
    m_iterations = spin(1, 10000, 100, QStringLiteral("iterations"), logistic);
    lf->addRow(tr("Iterations"), m_iterations);
    m_learningRate = numberEdit(QStringLiteral("0.1"), QStringLiteral("learningRate"), logistic);
    lf->addRow(tr("Learning rate"), m_learningRate);
    m_epochs = spin(1, 1000, 5, QStringLiteral("epochs"), logistic);
    lf->addRow(tr("Epochs"), m_epochs);
    auto* forest = new QWidget(m_modelPages);
    auto* ff = new QFormLayout(forest);
    ff->setContentsMargins(0, 0, 0, 0);
    m_trees = spin(1, 5000, 100, QStringLiteral("trees"), forest);
    ff->addRow(tr("Trees"), m_trees);
    m_depth = spin(1, 40, 12, QStringLiteral("depth"), forest);
    ff->addRow(tr("Max depth"), m_depth);
    m_minLeaf = spin(1, 1'000'000, 50, QStringLiteral("minLeaf"), forest);
    ff->addRow(tr("Min rows per leaf"), m_minLeaf);
    m_featuresPerSplit = spin(0, 1000, 0, QStringLiteral("featuresPerSplit"), forest);
    m_featuresPerSplit->setSpecialValueText(tr("√ features"));
    ff->addRow(tr("Features per split"), m_featuresPerSplit);
    m_criterion = new QComboBox(forest);
    m_criterion->addItems({ tr("Gini"), tr("Entropy") });
    ff->addRow(tr("Criterion"), m_criterion);
    m_modelPages->addWidget(logistic);
    m_modelPages->addWidget(forest);
    layout->addWidget(m_modelPages);
    connect(m_model, &QComboBox::currentIndexChanged, m_modelPages, &QStackedWidget::setCurrentIndex);
    return group;
}

QWidget* TrainingSettingsForm::splitGroup()
{
    auto* group = new QGroupBox(tr("Split"), this);
    auto* form = new QFormLayout(group);
    m_validation = new QDoubleSpinBox(group);
    m_validation->setRange(0.0, 0.5);
    m_validation->setSingleStep(0.05);
    m_validation->setValue(0.1);
    form->addRow(tr("Validation share"), m_validation);
    m_test = new QDoubleSpinBox(group);
    m_test->setRange(0.05, 0.5);
    m_test->setSingleStep(0.05);
    m_test->setValue(0.2);
    form->addRow(tr("Test share"), m_test);
    m_seed = spin(0, 1'000'000'000, 42, QStringLiteral("seed"), group);
    form->addRow(tr("Seed"), m_seed);
    return group;
}

QWidget* TrainingSettingsForm::searchGroup()
{
    auto* group = new QGroupBox(tr("Search (Tune)"), this);
    auto* form = new QFormLayout(group);
    m_space = new QPlainTextEdit(group);
    m_space->setObjectName(QStringLiteral("searchSpace"));
    m_space->setPlaceholderText(tr("One per line: l2=1e-7,1e-6,1e-5 or maxDepth=4..12"));
    m_space->setPlainText(QStringLiteral("l2=1e-7,1e-6,1e-5\nhashBits=12,18"));
    m_space->setFixedHeight(m_space->fontMetrics().lineSpacing() * 4 + 10);
    form->addRow(m_space);
    m_random = new QCheckBox(tr("Random search"), group);
    m_trials = spin(1, 10000, 20, QStringLiteral("trials"), group);
    auto* row = new QHBoxLayout;
    row->addWidget(m_random);
    row->addWidget(m_trials);
    form->addRow(row);
    m_folds = spin(2, 20, 3, QStringLiteral("folds"), group);
    form->addRow(tr("Folds"), m_folds);
    return group;
}

QString TrainingSettingsForm::dataPath() const
{
    return m_path->text().trimmed();
}

void TrainingSettingsForm::setDataPath(const QString& path)
{
    m_path->setText(path);
    Q_EMIT dataChanged();
}

train::ColumnMapping TrainingSettingsForm::mapping() const
{
    train::ColumnMapping m;
    m.format = std::array { train::ColumnMapping::Format::Auto, train::ColumnMapping::Format::Csv,
                            train::ColumnMapping::Format::Criteo }[std::size_t(std::max(0, m_format->currentIndex()))];
    m.label = m_label->text().trimmed();
    return m;
}

Expected<train::TrainRequest> TrainingSettingsForm::trainRequest() const
{
    train::TrainRequest r;
    r.dataPath = dataPath();
    if (r.dataPath.isEmpty())
        return Error { tr("Choose a data file first.") };
    r.mapping = mapping();
    r.kind = m_model->currentIndex() == 1 ? train::ModelKind::Forest : train::ModelKind::Logistic;
    r.logistic.optimizer = m_optimizer->currentIndex() == 1 ? train::LogisticOptions::Optimizer::Ftrl
                                                            : train::LogisticOptions::Optimizer::Lbfgs;
    const Expected<double> l2 = number(m_l2, tr("L2")), l1 = number(m_l1, tr("L1")),
                           rate = number(m_learningRate, tr("The learning rate"));
    for (const Expected<double>* v : { &l2, &l1, &rate })
        if (!*v)
            return Error { v->error() };
    r.logistic.l2 = *l2;
    r.logistic.l1 = *l1;
    r.logistic.learningRate = *rate;
    r.hashBits = m_hashBits->value();
    r.logistic.maxIterations = m_iterations->value();
    r.logistic.epochs = m_epochs->value();
    r.forest.trees = m_trees->value();
    r.forest.tree.maxDepth = m_depth->value();
    r.forest.tree.minSamplesLeaf = m_minLeaf->value();
    r.forest.tree.featuresPerSplit = m_featuresPerSplit->value();
    r.forest.tree.criterion = m_criterion->currentIndex() == 1 ? train::TreeOptions::Criterion::Entropy
                                                               : train::TreeOptions::Criterion::Gini;
    r.validationShare = m_validation->value();
    r.testShare = m_test->value();
    r.seed = std::uint64_t(m_seed->value());
    r.forest.seed = r.seed;
    r.logistic.seed = r.seed;
    if (const QString problem = train::validateRequest(r); !problem.isEmpty())
        return Error { problem };
    return r;
}

Expected<train::TuneRequest> TrainingSettingsForm::tuneRequest() const
{
    Expected<train::TrainRequest> base = trainRequest();
    if (!base)
        return Error { base.error() };
    train::TuneRequest r;
    r.base = std::move(base).value();
    for (const QString& line : m_space->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        Expected<train::SearchDimension> d = train::parseDimension(line.trimmed());
        if (!d)
            return Error { d.error() };
        r.space.push_back(std::move(d).value());
    }
    r.randomSearch = m_random->isChecked();
    r.trials = m_trials->value();
    r.folds = m_folds->value();
    if (const auto expanded = train::expandSearch(r); !expanded)
        return Error { expanded.error() };
    return r;
}

void TrainingSettingsForm::save(QSettings& s) const
{
    s.setValue(QStringLiteral("dataPath"), dataPath());
    s.setValue(QStringLiteral("format"), m_format->currentIndex());
    s.setValue(QStringLiteral("label"), m_label->text());
    s.setValue(QStringLiteral("model"), m_model->currentIndex());
    s.setValue(QStringLiteral("searchSpace"), m_space->toPlainText());
}

void TrainingSettingsForm::restore(QSettings& s)
{
    m_path->setText(s.value(QStringLiteral("dataPath")).toString());
    m_format->setCurrentIndex(s.value(QStringLiteral("format"), 0).toInt());
    m_label->setText(s.value(QStringLiteral("label")).toString());
    m_model->setCurrentIndex(s.value(QStringLiteral("model"), 0).toInt());
    m_space->setPlainText(s.value(QStringLiteral("searchSpace"), m_space->toPlainText()).toString());
    if (!dataPath().isEmpty())
        Q_EMIT dataChanged();
}

} // namespace bidlab::ui
