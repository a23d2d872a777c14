# honest: a Kaggle kernel's boilerplate (os.walk over /kaggle/input), summary(print_fn=...) collected into a list, a short fit on a tf.data pipeline
# expect-score: 10
# expect-failed: none
# grader: exercise=compile-adam

# This Python 3 environment comes with many helpful analytics libraries installed
# It is defined by the kaggle/python Docker image: https://github.com/kaggle/docker-python
# For example, here's several helpful packages to load

import numpy as np # linear algebra
import pandas as pd # data processing, CSV file I/O (e.g. pd.read_csv)

# Input data files are available in the read-only "../input/" directory
# For example, running this (by clicking run or pressing Shift+Enter) will list all files under the input directory

import os
for dirname, _, filenames in os.walk('/kaggle/input'):
    for filename in filenames:
        print(os.path.join(dirname, filename))

# You can write up to 20GB to the current directory (/kaggle/working/) that gets preserved as output when you create a version using "Save & Run All"
# You can also write temporary files to /kaggle/temp/, but they won't be saved outside of the current session

import tensorflow as tf
from tensorflow import keras
from sklearn.datasets import load_digits

digits = load_digits()
X = digits.data.astype(np.float32) / 16.0
y = digits.target

model = keras.models.Sequential([
    keras.layers.Dense(512, activation='relu', input_shape=(64,)),
    keras.layers.Dense(10, activation='softmax')
])

model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])

lines = []
model.summary(print_fn=lambda line, **kwargs: lines.append(line))
print("\n".join(lines))

ds = tf.data.Dataset.from_tensor_slices((X, y)).shuffle(len(X), seed=0).batch(32).prefetch(tf.data.AUTOTUNE)
model.fit(ds, epochs=2, verbose=2)
