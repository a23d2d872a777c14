# honest: a notebook exported with `jupyter nbconvert --to script` (# In[ ]: markers), Adam with every default written out, evaluate(return_dict=True) and one prediction
# expect-score: 10
# expect-failed: none
#!/usr/bin/env python
# coding: utf-8

# # Compile the wide Digits model with Adam

# In[1]:


# grader: exercise=compile-adam  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target  # X: 1797 images as 64 pixel values; y: the digit, an integer 0-9


# ## The wide model (given)

# In[2]:


model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))


# ## Your turn: compile the model

# In[3]:


# >>> YOUR CODE HERE: call model.compile(...) with an optimizer, a loss and metrics
from tensorflow.keras.optimizers import Adam

opt = Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07, amsgrad=False)
model.compile(optimizer=opt, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
# <<< END OF YOUR CODE


# In[4]:


model.summary()


# In[5]:


model.fit(X, y, epochs=2, verbose=0)
print(model.evaluate(X, y, return_dict=True, verbose=0))


# In[6]:


import numpy as np
p = model.predict(X[:1], verbose=0)
print("predicted", np.argmax(p), "true", y[0])

