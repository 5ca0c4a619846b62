#!/usr/bin/env python3
"""Rebuild the corpus13 Keras/TensorFlow precision corpus (stdlib only).

The corpus is a set of public GitHub repositories, each pinned to one commit,
split into two halves by sha256("owner/name"): first hex digit 0-7 -> "validate",
8-f -> "tune".  From each pinned commit we take every regular file (mode 100644 or
100755) whose path ends in .py or .ipynb, whose size is <= 2 MiB and whose bytes
contain b"keras" or b"tensorflow" (case-sensitive).  Blobs that are missing from a
snapshot (ls-tree size "BAD") are skipped.  Files are written to
OUT/<half>/<owner>__<name>/<path>.

Sources:
  --mirrors DIR   local bare mirrors named DIR/<owner>+<name>/repo (or .../repo/.git,
                  or DIR/<owner>+<name> itself being a git dir).
  (default)       git clone https://github.com/<owner>/<name> into a temporary dir and
                  fetch the recorded commit if the clone lacks it.  Files are read from
                  that commit's tree with git itself (same bytes as a checkout, minus
                  LFS smudging, which the filter would discard anyway).

At the end the per-repo file counts are compared with the recorded ones; the exit
status is 1 when any repository is missing or differs.

Tables:
  --table a       (default) the first corpus, /work/corpus13 (REPOS_TSV below).
  --table b       the second, disjoint corpus, /work/corpus13b (REPOS_TSV_B below);
                  same method, filter and split rule.  Its repositories were kept
                  when the filter gave them >= 2 files (applied to all candidates
                  alike, before and regardless of the split).
  --table c       the third corpus, /work/corpus13c (REPOS_TSV_C below), disjoint from
                  a, b and every repository named elsewhere in this project; same
                  method, filter, split rule and >= 2 files rule.  The candidates
                  were chosen by name and kind before any content was read; those
                  dropped: matterport/Mask_RCNN (snapshot over 500 MB, not
                  mirrored), jocicmarko/ultrasound-nerve-segmentation (1 file),
                  neuronets/nobrainer (1 file), chrishefele/kaggle-sample-code (0).
  --table d       the fourth corpus, /work/corpus13d (REPOS_TSV_D below), disjoint from
                  a, b, c, every repository named elsewhere in this project and every
                  repository mirrored for the earlier corpora; leaning to TF2 / Keras 2-3
                  code (2020 or later).  Same method, filter, split rule and >= 2 files
                  rule; candidates chosen by name and kind before any content was read.
                  Dropped: luyanger1799/Amazing-Semantic-Segmentation and
                  microsoft/AI-For-Beginners (snapshots over 500 MB, not mirrored),
                  ellisdg/3DUnetCNN (0 files at its pinned commit).
  --table e       the fifth corpus, /work/corpus13e (REPOS_TSV_E below), disjoint from
                  a-d, every repository named elsewhere in this project and every
                  repository mirrored before it; leaning to TF2 / Keras 2-3 code by
                  individuals and small teams.  Same method, filter, split rule and
                  >= 2 files rule; candidates chosen by name and kind before any content
                  was read (36 first, 6 more once the first round's file counts were
                  known, still by name only).  Dropped: aladdinpersson/Machine-Learning-
                  Collection (snapshot over 500 MB), jonkrohn/deep-learning-illustrated and
                  PacktPublishing/TensorFlow-2-Reinforcement-Learning-Cookbook (no
                  snapshot), Nyandwi/ModernConvNets, mrdbourke/zero-to-mastery-ml,
                  soumik12345/Zero-DCE (0 files), nikhilroxtomar/UNet-Segmentation-in-
                  Keras-TensorFlow, nikhilroxtomar/Deep-Residual-Unet,
                  roatienza/Deep-Learning-Experiments, gsurma/atari (1 file each).
  --table f       the sixth corpus, /work/corpus13f (REPOS_TSV_F below), disjoint from
                  a-e, every repository named elsewhere in this project and every
                  repository mirrored before it; TF2 / Keras 2-3 code by individuals and
                  small teams, found with code search.  Same method, filter, split rule
                  and >= 2 files rule; candidates chosen by name and kind before any
                  content was read (28).  Dropped: Fabien-Couthouis/PPO_TF_2 (1 file),
                  AakashKumarNain/diffusion_models (0 files).
  --table g       the seventh corpus, /work/corpus13g (REPOS_TSV_G below), disjoint from
                  a-f, every repository named elsewhere in this project and every
                  repository mirrored before it; leaning to Keras 2 / TF 1-era code
                  (2017-2020): GAN / VAE / RL / recommender / graph / NLP / audio /
                  detection / segmentation / time-series code, model zoos, library test
                  suites, research code, course notebooks, Kaggle solutions.  Same method,
                  filter, split rule and >= 2 files rule; candidates chosen by name and
                  kind before any content was read (123, after 24 others were struck off by
                  name because this project's real-world benchmarks already name them).
                  Dropped: GeorgeSeif/Semantic-Segmentation-Suite (snapshot over 500 MB,
                  not mirrored), buriburisuri/speech-to-text-wavenet (0 files),
                  yenchenlin/DeepLearningFlappyBird, guillaume-chevalier/LSTM-Human-
                  Activity-Recognition, khundman/telemanom, abhishekkrthakur/
                  is_that_a_duplicate_quora_question, PavelOstyakov/toxic,
                  yanpanlau/Keras-FlappyBird, NourozR/Stock-Price-Prediction-LSTM (1 file
                  each).
  --table h       the eighth corpus, /work/corpus13h (REPOS_TSV_H below), disjoint from
                  a-g, every repository named elsewhere in this project and every
                  repository mirrored before it; Keras / tf.keras model code as ML
                  engineers write it, about half Keras 2 / TF 1-era (2017-2020) and half
                  TF2 / Keras 3-era: Kaggle solutions, course and book notebooks, paper
                  reimplementations (GAN / VAE / RL / recommender / graph / NLP / audio
                  / detection / segmentation / time series / medical imaging), custom
                  GradientTape loops, MC-dropout / Bayesian code, model zoos.  Same
                  method, filter, split rule and >= 2 files rule; candidates chosen by
                  name and kind before any content was read (146, none in
                  /work/claims.txt or /work/.mirror).  Struck off by name after
                  fetching, before any content was read or linted, because this
                  project's real-world benchmarks (benchmarks/confirm_realworld.md,
                  realworld_results.md) already name them (25): ageron/handson-ml,
                  ageron/handson-ml2, ageron/handson-ml3,
                  aymericdamien/TensorFlow-Examples, bojone/bert4keras,
                  dennybritz/cnn-text-classification-tf, experiencor/keras-yolo3,
                  fchollet/deep-learning-with-python-notebooks,
                  hunkim/DeepLearningZeroToAll, Hvass-Labs/TensorFlow-Tutorials,
                  jeffheaton/t81_558_deep_learning, keras-rl/keras-rl,
                  keras-team/keras-applications, keras-team/keras-contrib,
                  MorvanZhou/Tensorflow-Tutorial, nfmcclure/tensorflow_cookbook,
                  philipperemy/keras-tcn, qubvel/segmentation_models, tensorflow/docs,
                  tensorflow/examples, tensorflow/tensor2tensor, titu1994/DenseNet,
                  udacity/deep-learning, yaringal/ConcreteDropout,
                  zsdonghao/text-to-image; and rickiepark/handson-ml2 (a translation of
                  ageron/handson-ml2, same code).  Dropped: eriklindernoren/Keras-GAN,
                  keras-team/keras-io,
                  Kautenja/playing-mario-with-deep-reinforcement-learning (snapshots
                  over 500 MB, not mirrored), yhenon/keras-frcnn,
                  PacktPublishing/TensorFlow-2.0-Quick-Start-Guide,
                  PacktPublishing/Advanced-Deep-Learning-with-TensorFlow-2-and-Keras,
                  sayakpaul/mlp-mixer-cifar10 (no snapshot), arnaghosh/Auto-Encoder (0
                  files), gsurma/cartpole, pemami4911/deep-rl,
                  alexander-rakhlin/CNN-for-Sentence-Classification-in-Keras,
                  pietz/unet-keras, MattChanTK/ai-gym, tensorlayer/seq2seq-chatbot,
                  atilberk/evidential-deep-learning-to-quantify-classification-uncertainty
                  (1 file each).
  --table i       the ninth corpus, /work/corpus13i (REPOS_TSV_I below), disjoint from
                  a-h, every repository named elsewhere in this project and every
                  repository mirrored before it; Keras / tf.keras model code as ML
                  engineers write it, about half Keras 2 / TF 1-era (2017-2020) and half
                  TF2 / Keras 3-era: Kaggle solutions, course and book notebooks, paper
                  reimplementations (GAN / VAE / RL / recommender / graph / NLP / audio
                  / detection / segmentation / time series / medical imaging), custom
                  GradientTape loops, model zoos.  Same method, filter, split rule and
                  >= 2 files rule; candidates chosen by name and kind (some found by
                  repository name with find_repos) before any content was read or linted
                  (144, none in /work/claims.txt, /work/.mirror, confirm_realworld.md or
                  realworld_results.md).  Pinned commit: the snapshot's HEAD.  Dropped:
                  Hyunwoo29/keras01, jeffprosise/Deep-Learning (snapshots over 500 MB,
                  not mirrored), kamalkraj/stable-diffusion-tf,
                  thushv89/packt_nlp_tensorflow, anas-rz/keras-climate,
                  miyayudai/study-deep-learning (no snapshot), bubbliiiing/ssd-keras,
                  bubbliiiing/centernet-keras, bubbliiiing/retinaface-keras,
                  bubbliiiing/yolov5-keras, bubbliiiing/Semantic-Segmentation (not
                  fetched: the session's fetch budget ran out), borisbanushev/
                  stockpredictionai, lopuhin/kaggle-dstl, kamalkraj/BERT-NER,
                  HasnainRaz/Fast-SRGAN, younggyu0906/Tensorflow-Study, Bekbolatov/kaggle,
                  canivel/kaggle, mverleg/kaggle_otto, senliuy/Advanced-Deep-Learning,
                  harshbhatt7585/deep-learning-papers-implementation,
                  adiRpatgaonkar/Deep-Learning, Deeptanshuu/Toxic-Comment-Classification-
                  using-Deep-Learning, ReductTech/intuitive-deep-learning (0 files),
                  jacobgil/keras-grad-cam, yaringal/multi-task-learning-example,
                  mtauer/rl-deep-learning, ChunML/text-generator,
                  titu1994/keras-attention-augmented-convs (1 file each).
  --table j       the tenth corpus, /work/corpus13j (REPOS_TSV_J below), disjoint from
                  a-i, every repository named elsewhere in this project and every
                  repository mirrored before it; Keras / tf.keras / TensorFlow model code as
                  ML engineers write it, TF1-era (2017-2019), TF2-era (2020-2022) and
                  Keras 3-era (2023+): GAN / VAE / diffusion / RL / NLP / recommender /
                  time series / medical imaging / audio / detection / segmentation / graph
                  code, research code with custom loops, Kaggle solutions, course and book
                  notebooks, small apps that serve a model.  Candidates chosen by name and
                  kind (some found by repository name with find_repos) before any content
                  was read or linted (141, none in /work/claims.txt, /work/.mirror or named
                  in this project).  Pinned commit: the snapshot's HEAD.  Same method,
                  filter, split rule and >= 2 files rule, with two additions, because the
                  linter reads declared TensorFlow / Keras versions (dropout_lint/project.py):
                  (a) every file whose basename is requirements*.txt (the name
                  project.py matches), setup.py, setup.cfg, pyproject.toml,
                  environment.yml, environment.yaml or Pipfile, in any folder, of <= 1 MiB,
                  is extracted whatever its content; it is counted in decl_files, not in
                  files_extracted (so a setup.py counts as a declaration file only, and not
                  towards the >= 2 files rule); (b) an empty .git directory is created at
                  each repository's root, OUT/<half>/<owner>__<name>/.git, so that the
                  declaration search stops at the repository root as in a checkout.  The
                  check compares both counts (shown as code/decl).  Dropped: experiencor/
                  self-driving-toy-car (snapshot over 500 MB, not mirrored),
                  AakashKumarNain/GradientAccumulation, PacktPublishing/Hands-On-Machine-
                  Learning-with-TensorFlow-2, PacktPublishing/Mastering-Computer-Vision-
                  with-TensorFlow-2.x, Paulymorphous/skeras, ariG23498/patch-conv-net,
                  autokeras/autokeras, bubbliiiing/deeplabv3-plus-Keras,
                  fchollet/keras-blog-code, google-research/deep_representation_learning,
                  hamlinzheng/keras-lstm, mlwhiz/kaggle, nikhilroxtomar/Image-Captioning,
                  sayakpaul/FixMatch-tensorflow, soumik12345/Enhance-Me,
                  soumik12345/Nested-UNet (no snapshot); 100 kept; by the >= 2 files rule:
                  AakashKumarNain/CaptchaCracker,
                  AakashKumarNain/annotated_research_papers,
                  ElementAI/N-BEATS, MIC-DKFZ/BraTS2017,
                  SeuTao/Kaggle_TGS2018_4th_solution,
                  abhishekkrthakur/approachingalmost, hardmaru/estool,
                  kimhc6028/relational-networks, laiguokun/LSTNet,
                  llSourcell/Stock_Market_Prediction,
                  ymcui/Chinese-BERT-wwm (0 files),
                  EdGENetworks/attention-networks-for-classification,
                  Hironsan/BossSensor,
                  crazydonkey200/tensorflow-char-rnn,
                  cysmith/neural-style-tf,
                  llSourcell/Music_Generator_Demo,
                  llSourcell/deep_q_learning,
                  nicknochnack/CommentToxicity,
                  nicknochnack/DeepAudioClassification,
                  nicknochnack/FaceDetection, nicknochnack/GANBasics,
                  nicknochnack/ImageClassification,
                  nicknochnack/TensorflowKeras-ReinforcementLearning,
                  y0ast/VAE-TensorFlow,
                  imfing/keras-flask-deploy-webapp (1 file each).
  --table k       the eleventh corpus, /work/corpus13k (REPOS_TSV_K below), disjoint from
                  a-j, every repository named elsewhere in this project and every
                  repository mirrored before it; built exactly like j (same method, filter,
                  split rule, >= 2 files rule, declaration files, .git marker, decl_files
                  column), but leaning to repositories likely to hold many Keras / tf.keras
                  model-building files: model zoos and "X in Keras" collections, book and
                  course repositories with many chapter notebooks, Kaggle solutions,
                  research code with several models, Keras-based libraries with examples,
                  TF2 custom-loop projects (GAN / VAE / RL / contrastive), TF1-era and
                  Keras 3-era alike.  Candidates chosen by name and kind (some found by
                  repository name with find_repos) before any content was read or linted
                  (153, none in /work/claims.txt, /work/.mirror or named in this
                  project).  Pinned commit: the snapshot's HEAD.  Dropped: mingluzhao/
                  Deep-Reinforcement-Learning-with-Tensorflow (snapshot over 500 MB, not
                  mirrored), PacktPublishing/Advanced-Deep-Learning-with-Keras-Second-
                  Edition, PacktPublishing/Generative-AI-with-Python-and-TensorFlow-2,
                  killthekitten/kaggle-carvana-image-masking-challenge (no snapshot);
                  149 fetched, 145 kept; by the >= 2 files rule:
                  calmiLovesAI/EfficientNet_TensorFlow2, titu1994/Keras-DualPathNetworks,
                  Little-girl-1992/Keras_NLP, mokemokechicken/keras_npi (1 file each).
                  Halves: validate 78 repositories, 2,267 code files (1,937 .py, 330
                  .ipynb), 91 declaration files; tune 67, 2,246 (2,099 .py, 147 .ipynb), 57.
  --table l       the twelfth corpus, /work/corpus13l (REPOS_TSV_L below), disjoint from
                  a-k, every repository named elsewhere in this project and every
                  repository mirrored before it; built exactly like k (same method, filter,
                  split rule, >= 2 files rule, declaration files, .git marker, decl_files
                  column, same lean to repositories likely to hold many Keras / tf.keras
                  model-building files).  Candidates chosen by name and kind before any
                  content was read or linted (95, none in /work/claims.txt or
                  /work/.mirror).  Pinned commit: the snapshot's HEAD.  Dropped: no
                  snapshot: PacktPublishing/TensorFlow-2-Reinforcement-Learning-Cookbook,
                  Tony607/Keras_Deep_Dream, brannondorsey/wavenet-tensorflow,
                  chen0040/keras-chinese-word-segmentation,
                  chen0040/keras-deep-learning-models, chen0040/keras-fashion-mnist,
                  chenyuntc/simplified-deeplearning, huseinzol05/Tensorflow-Tutorials,
                  laxmimerit/Python-for-Data-Science-and-Machine-Learning,
                  sshleifer/keras-ts, xiaochus/Deep-Learning-Model-Collections,
                  dlsucomet/keras-tutorial, llSourcell/Keras_Deep_Learning_Tutorial;
                  snapshot over 500 MB: matterport/Mask_RCNN; not fetched (the session's
                  fetch limit was reached): ludwig-ai/ludwig, matthiasplappert/keras-rl,
                  maxim5/cs229-2018-autumn, nicknochnack/RealTimeObjectDetection,
                  nicknochnack/TFODCourse, omerbsezer/KerasTutorial,
                  pythonlessons/RL-Bitcoin-trading-bot, pythonlessons/mltu,
                  sachinruk/deepschool.io, sjvasquez/handwriting-synthesis, tensorflow/io,
                  tensorflow/lucid, tensorflow/model-analysis, tensorflow/transform,
                  tensorlayer/dcgan, tgjeon/TensorFlow-Tutorials-for-Time-Series,
                  wxs/keras-mnist-tutorial, zsdonghao/Image-Captioning; 63 fetched, 54
                  kept; by the >= 2 files rule: LuEE-C/PPO-Keras, MichalBusta/E2E-MLT,
                  jeffheaton/app_deep_learning, llSourcell/How_to_make_a_chatbot,
                  mindee/doctr, airalcorn2/Deep-Semantic-Similarity-Model (1 file each),
                  PacktPublishing/Deep-Reinforcement-Learning-Hands-On,
                  fchollet/keras-resources, Zhenye-Na/DA-RNN (0 files).
                  Halves: validate 27 repositories, 443 code files (378 .py, 65 .ipynb),
                  42 declaration files; tune 27, 2,919 (2,804 .py, 115 .ipynb), 44.
  --table m       the thirteenth corpus, /work/corpus13m (REPOS_TSV_M below), disjoint from
                  a-l, every repository named elsewhere in this project and every
                  repository mirrored before it; built exactly like l (same method, filter,
                  split rule, >= 2 files rule, declaration files, .git marker, decl_files
                  column, same lean to repositories likely to hold many Keras / tf.keras
                  model-building files: framework and library test suites, model zoos,
                  course and book notebooks, Kaggle solutions, detection / segmentation,
                  NLP, RL, GAN, audio, time-series, graph and medical-imaging code,
                  research code with custom loops).  Candidates chosen by name and kind
                  (many found by repository name with find_repos) before any content was
                  read or linted (152: 136 none in /work/claims.txt or /work/.mirror, and
                  16 of the 18 that table l's session claimed but did not fetch;
                  tensorflow/model-analysis and tensorflow/transform left out to keep at
                  most 3 repositories of one owner).  Pinned commit: the snapshot's HEAD.
                  Dropped: omerbsezer/KerasTutorial (no snapshot),
                  udacity/CarND-Behavioral-Cloning-P3 (snapshot over 500 MB, not
                  mirrored); 150 fetched, 143 kept; by the >= 2 files rule:
                  martin-gorner/tensorflow-mnist-tutorial, ftoshimichi/aiprog_keras,
                  maxim5/cs229-2018-autumn, thunlp/OpenNRE (0 files),
                  Rucious-Aladdin/Algorithm-TensorFlow_Practice, wxs/keras-mnist-tutorial,
                  bwv988/lstm-neural-net-tests (1 file each).
                  Halves: validate 78 repositories, 4,102 code files (3,819 .py, 283
                  .ipynb; keras-team/keras alone 961), 144 declaration files; tune 65,
                  1,578 (1,344 .py, 234 .ipynb), 83.

  --table w       corpus W, /work/corpora/w (REPOS_TSV_W below), disjoint from a-m and
                  every repository named elsewhere in this project; built exactly like m
                  (same method, filter, split rule, >= 2 files rule, declaration files,
                  .git marker, decl_files column), leaning to TF2 / Keras 2-3 code by
                  individuals and small teams: GAN / VAE / MC-dropout and Bayesian / RL /
                  recommender (DeepFM) / graph / NLP / audio and speech / detection and
                  segmentation / time series, course and tutorial notebooks, Kaggle
                  solutions, research code with custom loops.  Candidates chosen by name
                  and kind only (repository names from code-search results and
                  find_repos), before any content was read or linted (139).  Struck off
                  by name before fetching, because the owner/name or the name already
                  occurs in this project's tracked text (tables a-m, the PyPI tables,
                  the confirm_* and realworld benchmarks) (51): chansoopark98/
                  Tensorflow-Keras-GAN, Shaofanl/Keras-GAN, BoxFishLab/TF.Keras-GAN,
                  awadalaa/DCGAN, QiuHongHao123/tensorflow2.0_GAN, mingukkang/
                  VAE-tensorflow, kenya-sk/mc_dropout_tensorflow, Yasmine-Gharsallah/
                  mc-dropout-mnist, apoorv98/deep_learning_with_python, YunYang1994/
                  TensorFlow2.0-Examples, ryancheunggit/tensorflow2_model_zoo,
                  lyhue1991/eat_tensorflow2_in_30_days, modudeepnlp/NLP_Tensorflow2.0,
                  Changyu-Guo/Transformer-With-TensorFlow2, ntozer/mixmatch-
                  tensorflow2.0, spideralessio/TRPO-Tensorflow2, Fra-Tsuna/
                  SAC-HER-Tensorflow2, hubertkarbowy/awd_lstm_tensorflow2,
                  KATEhuang920909/tensorflow2.0_NER, srihari-humbarwadi/
                  retinanet-tensorflow2.x, wangermeng2021/Scaled-YOLOv4-tensorflow2,
                  chrismattmann/MLwithTensorFlow2ed, nilpath/keras-transformer,
                  erelcan/keras-transformer, ays-dev/keras-transformer,
                  kozuedoingregression/attention-is-all-you-need, IvanBongiorni/maximal,
                  m2dsupsdlclass/lectures-labs, aimat-lab/gcnn_keras, CyberZHG/keras-gcn,
                  arijitcodespace/GNN-Keras3, flyyufelix/VizDoom-Keras-RL,
                  ZeroSum0x00/YOLO-tensorflow2, calmiLovesAI/TensorFlow2.0_SSD,
                  david8862/tf-keras-speech-commands, david8862/tf-keras-stacked-
                  hourglass-keypoint-detection, yingkaisha/keras-unet-collection,
                  karolzak/keras-unet, keisen/tf-keras-vis, kim135797531/
                  study-tf-keras-pytorch, ykamikawa/tf-keras-SegNet, afergadis/keras-nlp,
                  fractus-io/keras-tutorial, LeeSM0518/keras-tutorial, sungjaeCho96/
                  Keras-Tutorial, ningshixian/Keras-Tutorial, danielegrattarola/keras-gat,
                  djsaber/Keras-GAT, jilljenn/tensorflow-DeepFM, jfilter/
                  text-classification-keras, kyle-dorman/bayesian-neural-network-
                  blogpost.  Pinned commit: the snapshot's HEAD.  Dropped of the other 88:
                  nathan215/cifar10-mc-dropout-ood (no snapshot), yutan0565/
                  Wake-up-Word_tensorflow2, huangxinping/CalliGAN-tf-keras (snapshots over
                  500 MB, not mirrored); 85 fetched, 72 kept; by the >= 2 files rule:
                  mathemage/mc-dropout-u-net-vaihingen, YBMQdog/Uncertainty-MC-dropout,
                  Akanksha-Nadipalli/cnn-uncertainty-estimation-mc-dropout,
                  asajatovic/bayesian-deep-learning-text-classification,
                  kkangshen/bayesian-deep-rul, PeDiot/bayesian-neural-network-stock-
                  prediction (0 files), Akshay1006/Neural-Collaborative-Filtering-for-
                  Recommendation, MichaelCheung105/Tic-Tac-Toe_Reinforcement-Learning,
                  wepe/Kaggle-Solution, jjeaby/deep-learning-nmt-using-tf-keras,
                  nemerson7/Keras-NLP-Text-Generation, jingyuanz/chinese-text-
                  classification-keras, numinolo/AGCN-Tensorflow (1 file each).
                  Halves: validate 39 repositories, 399 code files (342 .py, 57 .ipynb),
                  13 declaration files; tune 33, 538 (512 .py, 26 .ipynb; itej89/
                  Hand_On_Machine_Learning_Practice_Models alone 204), 15.

  --table y       corpus Y, /work/corpora/y (REPOS_TSV_Y below), session 13: disjoint from
                  every repository named elsewhere in this project; same method, filter,
                  split rule and >= 2 files rule, no declaration files (decl_files 0).
                  Candidates chosen by name and kind only, from find_repos name searches
                  (gradienttape, tf2-, keras-vae, keras-gan, mc-dropout, tensorflow2-),
                  before any content was read (40).  Struck off by name because the
                  owner/name or the name occurs in this project's tracked text (16);
                  no snapshot (1: salam-be-hame/custom-training-loop-gradienttape);
                  fewer than 2 files (3: imehranasgari/DL_TensorFlow_LowLevelAPI_
                  CustomTrainingLoop_GradientTape, usc-caisplusplus/keras-vae-tutorial,
                  aalto-intelligent-robotics/mc-dropout-notebooks).  Kept 20: tune 12
                  (210 code files), validate 8 (62).

  --table n       corpus N, /work/corpora/n (REPOS_TSV_N below): disjoint from every
                  repository named elsewhere in this project; same method, filter, split
                  rule and >= 2 files rule, no declaration files (decl_files 0); leaning to
                  TF2 / Keras 2-3 code by individuals and small teams (GAN / VAE / RL /
                  recommender / graph / NLP / audio / detection and segmentation / time
                  series / uncertainty code, course notebooks, Kaggle solutions, research
                  code with custom loops).  Candidates chosen by name and kind only, from
                  find_repos name searches (tf2-, keras-, tf-keras-, tensorflow2, keras3,
                  dqn, dqn-keras, keras-dqn, ppo-tf, sac-tf2, a2c-tf, rl-tf2, deepfm,
                  neural-collaborative-filtering, wide-deep, ncf-, recommender-tf, vae-tf,
                  gan-tf2, pix2pix-tensorflow, cyclegan-tensorflow, wgan-gp-tensorflow,
                  gcn-tf, gat-tf, gnn-keras, keras-ner, ner-tf2, seq2seq-keras,
                  transformer-tf2, text-classification-tf, speech-tensorflow,
                  speech-recognition-keras, audio-classification-keras, tts-tf,
                  lstm-tensorflow2, yolov4-tf, keras-yolo, unet-keras, segmentation-tf2,
                  forecasting-keras, time-series-tensorflow, mc-dropout, bayesian-keras,
                  bayesian-neural-network, uncertainty-keras, deep-ensemble, kaggle-keras,
                  kaggle-solution, keras-tutorial, keras-notebooks, tf2-notebooks,
                  gradient-tape), before any content was read (81).  Struck off by name
                  because the owner/name or the name occurs in this project's tracked
                  text (37): peteryuX/esrgan-tf2, kalinlau/GAN-TF2, mcps5601/
                  TimeGAN-tensorflow2, leosampaio/keras-generative, DCtheTall/
                  tf-keras-progressive-gan, shaunbarney/DDQN-Keras, KristianHolsheimer/
                  keras-gym, yongqyu/DeepFM-tf2, rexrex9/DeepFM_tf2, busesese/DeepFM_Keras,
                  DownyPrio/xDeepFM_tf, yongzhuo/Keras-TextClassification, homfunc/
                  keras3-crf, jason9693/MusicTransformer-tensorflow2.0, Garvit-32/
                  Audio-Classification-Keras, Rich0721/yolov4-tf2, simonChoi034/
                  YoloV4-tf2, miemie2013/Keras-YOLOv4, bubbliiiing/unet-keras,
                  sevakon/unet-keras, BBuf/Keras-Semantic-Segmentation, jwkanggist/
                  tf-keras-stock-pred, mvaldenegro/keras-uncertainty, elisim/
                  Optimized-MC-Dropout-Using-DRL, sfschouten/mc-dropout, LukasRinder/
                  bayesian-neural-networks, calmiLovesAI/Basic_CNNs_TensorFlow2, Qinbf/
                  Deep-Learning-Tensorflow2, Keyird/TensorFlow2-for-beginner,
                  aidiary/keras-examples, Lornatang/TensorFlow2-tutorials, ax-va/
                  TensorFlow2-Keras-Deep-Learning-Umberto-Michelucci-2022,
                  GoogleCloudPlatform/keras-idiomatic-programmer, tgjeon/Keras-Tutorials,
                  smehdia/Humpback-Whale-Identification-Kaggle-Keras, mehmetcanakbay/
                  paperimp_tensorflow2.0, yaogood/NAS-tensorflow2.  Pinned commit: the
                  snapshot's HEAD.  Of the other 44: no snapshot (0); snapshot over
                  500 MB (0); fewer than 2 files (1: otzslayer/keras-neural-collaborative-
                  filtering, 0 files).  Kept 43: validate 21 (211 code files: 192 .py, 19
                  .ipynb), tune 22 (170: 168 .py, 2 .ipynb; Huvinesh-Rajendran-12/
                  keras-geometric alone 40).

  --table o       corpus O, /work/corpora/o (REPOS_TSV_O below), session 16: disjoint from
                  every repository named elsewhere in this project; same method, filter, split
                  rule and >= 2 files rule, no declaration files (decl_files 0); the same lean
                  as table n (TF2 / Keras 2-3 code by individuals and small teams), with
                  search words other than n's where possible.  Candidates chosen by name and
                  kind only, from find_repos name searches (tensorflow2, keras3, tfkeras,
                  siamese, siamese-keras, autoencoder-keras, anomaly-detection-keras,
                  anomaly-keras, keras-anomaly, train_step, mri-keras, xray, chest-xray, ecg-,
                  eeg-keras, eegnet, sentiment-keras, bert-keras, attention-keras,
                  capsnet-keras, resnet-keras, densenet-keras, efficientnet-tf,
                  style-transfer-keras, super-resolution-keras, denoising-autoencoder,
                  captioning-keras, crnn-keras, keras-ocr, tacotron, wavenet-keras,
                  keras-audio, keyword-spotting, speech-emotion, lstm-keras, keras-tcn,
                  informer, stock-prediction-keras, traffic-prediction, recsys-, ncf-,
                  recommendation-keras, keras-recommend, gcn-keras, graphsage, ddpg-keras,
                  td3-tf, a3c-keras, alphazero, zero-keras, triplet-loss, concrete-dropout,
                  bayesian-cnn, evidential, gan-keras, vae-keras, ssd-keras, pspnet,
                  keras-deeplab, custom-training, tf-2, brain-tumor-segmentation,
                  medical-image-segmentation, retina-unet, pneumonia-keras, udacity-deep,
                  coursera-deep, kaggle-competition), before any content was read (101).
                  Struck off by name because the owner/name or the name occurs in this
                  project's tracked text (36; by the bare name only:
                  sungkyu-kim/keras-anomaly-detection,
                  shivamaggarwal513/coursera-deep-learning-specialization,
                  aamini/evidential-deep-learning, nuxlear/keras-audio,
                  nixingyang/Kaggle-Competitions): Changyu-Guo/Transformer-With-TensorFlow2,
                  modudeepnlp/NLP_Tensorflow2.0, ryancheunggit/tensorflow2_model_zoo,
                  Fra-Tsuna/SAC-HER-Tensorflow2, spideralessio/TRPO-Tensorflow2,
                  KATEhuang920909/tensorflow2.0_NER, marload/DeepRL-TensorFlow2,
                  hubertkarbowy/awd_lstm_tensorflow2, ntozer/mixmatch-tensorflow2.0,
                  calmiLovesAI/CRNN_TensorFlow2,
                  DequanZhu/FaceNet-and-FaceLoss-collections-tensorflow2.0,
                  QiuHongHao123/tensorflow2.0_GAN, srihari-humbarwadi/adain-tensorflow2.x,
                  lyhue1991/eat_tensorflow2_in_30_days,
                  YONG-FU/TensorFlow2-Financial_Deep_Learning_Practice, ghif/vit-keras3,
                  ghif/diffusion-keras3, tensorchiefs/dl_keras3, bubbliiiing/Siamese-keras,
                  chen0040/keras-anomaly-detection, sungkyu-kim/keras-anomaly-detection,
                  Separius/BERT-keras, mrhhodd/capsnet-keras, XifengGuo/CapsNet-Keras,
                  jkamalu/keras_tacotron, subbyte/graphsage-tf2,
                  shivamaggarwal513/coursera-deep-learning-specialization,
                  chen0040/keras-recommender, david8862/tf-keras-deeplabv3p-model-set,
                  schoettner/ssd-keras, jefequien/PSPNet-Keras,
                  aamini/evidential-deep-learning, mwalmsley/galaxy-zoo-bayesian-cnn,
                  nuxlear/keras-audio, chen0040/keras-audio, nixingyang/Kaggle-Competitions.
                  Pinned commit: the snapshot's HEAD.  Of the other 65: no snapshot (0);
                  snapshot over 500 MB (1: shen-hue/anogan-keras, 1355089920 bytes); 64
                  fetched; fewer than 2 files (8: thaonguyen2108/ECG-Bayesian-CNN-LSTM-main,
                  terkelbo/TGS-Salt-Kaggle-Competition (0 files),
                  GlastonburyC/DenseNet-Keras-implementation,
                  samuelebouveret/Keras-Traffic-Prediction, khan-farhan/HAR-LSTM-keras,
                  AlexMetsai/Tensorflow-Custom-Training, gusxo/TimeGAN-keras,
                  AndBondStyle/wavenet-keyword-spotting (1 file each)).  Kept 56, no second
                  round needed: validate 28 (260 code files: 245 .py, 15 .ipynb;
                  sonyisme/keras-recommendation alone 53), tune 28 (219: 213 .py, 6 .ipynb).

  --table p       corpus P, /work/corpora/p (REPOS_TSV_P below), session 16: disjoint from every
                  repository named elsewhere in this project; same method, filter, split rule and
                  >= 2 files rule, no declaration files (decl_files 0); the lean of tables n and o
                  (TF2 / Keras 2-3 code by individuals and small teams), here toward repositories
                  whose names suggest Keras models with dropout and training code (MC dropout /
                  Bayesian / uncertainty code, text and sentiment classification, CNN image
                  classification on MNIST / Fashion-MNIST / CIFAR, transfer learning, example and
                  course collections, chatbots, NER, seq2seq, music generation, GAN / VAE), with
                  search words other than n's and o's where possible.  Candidates chosen by name and
                  kind only, from find_repos name searches (mc-dropout, monte-carlo-dropout,
                  dropout-keras, keras-dropout, dropout-uncertainty, variational-dropout,
                  dropconnect, spatial-dropout, keras-mc, bayesian-deep, bayesian-lstm, uncertainty,
                  uncertainty-estimation, text-classification, keras-text-classification,
                  text-classification-tensorflow, sentiment-analysis, lstm-sentiment,
                  keras-sentiment, sentiment-tensorflow, imdb-keras, cifar10-keras, cifar-keras,
                  mnist-keras, fashion-mnist, image-classification-keras, classification-tf2,
                  cnn-tensorflow2, keras-cnn, keras-classifier, keras-lstm, keras-bilstm,
                  bilstm-crf-keras, transfer-learning-keras, keras-transfer-learning,
                  fine-tuning-keras, keras-examples, tf2-examples, keras-models, keras-projects,
                  deep-learning-projects, deep-learning-with-keras, hands-on-deep, kaggle-keras,
                  nlp-keras, tensorflow2-nlp, speech-emotion-recognition,
                  speech-emotion-recognition-keras, emotion-keras, music-generation, keras-music,
                  chatbot-keras, keras-chatbot, ner-keras, pos-tagging, encoder-decoder,
                  keras-seq2seq, unet-tf2, gan-tensorflow2, vae-tensorflow2), before any content was
                  read (134; one more name found, AtLeastITry/seq2seq-keras-chatBot, was left out
                  because it is on table n's or o's candidate lists; searches whose hits mostly
                  named no framework, such as speech-emotion-recognition, pos-tagging,
                  music-generation, deep-learning-projects and hands-on-deep, gave no picks).
                  Struck off by name because the owner/name or the name occurs in this project's
                  tracked text (45; by the bare name only: Yasmine-Gharsallah/mc-dropout-mnist,
                  francescodisalvo05/monte-carlo-dropout, AryaAftab/dropconnect-tensorflow,
                  jonghkim/keras-text-classification, sarweshsuman/keras-text-classification,
                  efikarra/keras-text-classification, zdepablo/keras-text-classification,
                  yanislavzagorov/keras-sentiment-analysis, Darkovian/keras-sentiment-analysis,
                  guillaume-chevalier/Hyperopt-Keras-CNN-CIFAR-100, Junhojuno/classification-tf2,
                  jasper2xF/keras-transfer-learning, hequn/keras-transfer-learning,
                  prymeka/keras-transfer-learning, berquist/keras-examples, lwneal/keras-examples,
                  pera-urosevic/keras-examples, sofiabesenski4/Keras-Examples,
                  oliverhiggs/keras-examples, gaussic/keras-examples, ShawDa/Keras-examples,
                  Steve-Shillitoe/Deep-Learning-With-Keras,
                  LiterallyTheOne/deep-learning-with-keras,
                  PrajwalG12121998/Deep-Learning-with-Keras, jinxueyu/keras-models,
                  JackHunt/keras-models, Marcnuth/Keras-Models, bonbert81/keras-chatbot,
                  KelianB/Keras-Chatbot, ken-matsui/keras-seq2seq, dimoynwa/keras-seq2seq,
                  solaris33/UNET-tf2): Yasmine-Gharsallah/mc-dropout-mnist,
                  nathan215/cifar10-mc-dropout-ood, alexrakowski/mc-dropout-mnist,
                  YBMQdog/Uncertainty-MC-dropout,
                  Akanksha-Nadipalli/cnn-uncertainty-estimation-mc-dropout,
                  mathemage/mc-dropout-u-net-vaihingen, francescodisalvo05/monte-carlo-dropout,
                  AryaAftab/dropconnect-tensorflow,
                  asajatovic/bayesian-deep-learning-text-classification,
                  jonghkim/keras-text-classification, sarweshsuman/keras-text-classification,
                  efikarra/keras-text-classification, zdepablo/keras-text-classification,
                  yanislavzagorov/keras-sentiment-analysis, Darkovian/keras-sentiment-analysis,
                  chen0040/keras-sentiment-analysis-web-api,
                  SylvainRajkoumar/image-classification-cifar10-keras,
                  guillaume-chevalier/Hyperopt-Keras-CNN-CIFAR-100, Junhojuno/classification-tf2,
                  HedgehogCode/keras-transfer-learning, jasper2xF/keras-transfer-learning,
                  hequn/keras-transfer-learning, prymeka/keras-transfer-learning,
                  berquist/keras-examples, lwneal/keras-examples, pera-urosevic/keras-examples,
                  sofiabesenski4/Keras-Examples, oliverhiggs/keras-examples, gaussic/keras-examples,
                  ShawDa/Keras-examples, Steve-Shillitoe/Deep-Learning-With-Keras,
                  LiterallyTheOne/deep-learning-with-keras,
                  PrajwalG12121998/Deep-Learning-with-Keras, jinxueyu/keras-models,
                  JackHunt/keras-models, Marcnuth/Keras-Models, bonbert81/keras-chatbot,
                  KelianB/Keras-Chatbot, ken-matsui/keras-seq2seq, dimoynwa/keras-seq2seq,
                  dslisleedh/GAN-tensorflow2, haozh7109/SEGAN-TensorFlow2,
                  ppooiiuuyh/SinGAN-tensorflow2.0, LEGO999/BigBiGAN-TensorFlow2.0,
                  solaris33/UNET-tf2.  Pinned commit: the snapshot's HEAD.  Of the other 89: no
                  snapshot (0); snapshot over 500 MB (0); 89 fetched; fewer than 2 files (14:
                  mollymr305/mnist-mc-dropout, Dazheng-Haung/MC-Dropout-based-CNNs,
                  kkkissiedu/Probablistic-Crack-Detection-with-MC-Dropout,
                  Alby1224/deep-ensembles-uncertainty-estimation,
                  erayalp808/lstm-sentiment-analysis-imdb, rahiakela/keras-projects (0 files each);
                  Yang-Charles/Keras-LSTM-sentiment-classification-master,
                  hsn8086/Keras-SentimentAnalysis, nikopoulospet/Fashion-MNIST-Keras,
                  shulkinj/NLP-Keras-Tweet-Classifier, philipperemy/keras-seq2seq-example,
                  duyongan/keras-seq2seq-attention, shubh-agrawal/keras-music-harmonization,
                  simonmesmith/keras-lstm-boilerplate (1 file each)).  Kept 75, no second round
                  needed: validate 31 (173 code files: 151 .py, 22 .ipynb;
                  X-rayLaser/keras-cnn-1drnn-ctc alone 20), tune 44 (601: 450 .py, 151 .ipynb;
                  buomsoo-kim/Easy-deep-learning-with-Keras alone 102,
                  Jean-Christ1/Deep-Learning-with-Keras-and-Tensorflow 81).

  --table s       corpus S, /work/corpora/s (REPOS_TSV_S below), session 16: disjoint from every
                  repository named elsewhere in this project; same method, filter, split rule and
                  >= 2 files rule, no declaration files (decl_files 0); the lean of tables n, o and
                  p (TF2 / Keras 2-3 code by individuals and small teams), here toward repositories
                  whose names suggest Keras models with Dropout or BatchNormalization together with
                  their training code (CNN / LSTM / RNN classifiers, classic architectures such as
                  ResNet / VGG / AlexNet / MobileNet / DenseNet / U-Net, GAN / DCGAN / VAE /
                  autoencoders, siamese and face / emotion recognition, medical and plant-disease
                  images, traffic signs, activity recognition, time series and anomaly detection,
                  text / toxic-comment / fake-news classification, captioning, speech, DQN, churn),
                  with search words other than n's, o's and p's where possible.  Candidates chosen
                  by name and kind only, from find_repos name searches (keras-cnn, keras-lstm,
                  keras-rnn, keras-gru, tf2-cnn, tensorflow2-cnn, cnn-keras, lstm-keras,
                  resnet-keras, keras-resnet, vgg-keras, alexnet, lenet, inception-keras,
                  mobilenet-keras, densenet, unet-tensorflow, keras-unet, segnet,
                  autoencoder-tensorflow, keras-autoencoder, lstm-autoencoder, denoising,
                  dcgan-keras, cgan-keras, wgan-keras, keras-gan, vae-keras, siamese-network,
                  siamese-keras, triplet-loss-keras, face-recognition-keras,
                  emotion-recognition-keras, keras-emotion, facial-expression, digit-recognition,
                  handwriting-recognition, traffic-sign, traffic-sign-keras,
                  traffic-sign-classification-keras, plant-disease-keras,
                  plant-disease-detection-keras, skin-cancer-keras, chest-xray-keras, covid-keras,
                  covid19-keras, pneumonia-detection-keras, tumor-keras, malaria-detection,
                  sign-language-keras, human-activity-recognition-keras, har-lstm,
                  stock-prediction-lstm, weather-forecasting-lstm, keras-timeseries,
                  fraud-detection-keras, churn-prediction-ann, toxic-comment-classification,
                  fake-news-detection-lstm, intent-classification, question-answering-keras,
                  text-generation-keras, image-captioning-keras, captioning-tensorflow,
                  speech-keras, speech-recognition-tensorflow, audio-classification-tensorflow,
                  music-genre-classification, genre-classification-keras, keras-captcha,
                  deep-q-learning, dqn-tensorflow, actor-critic, policy-gradient, resnet-tf2,
                  vgg-tf2, mobilenet-tf2, mnist-tf2, lstm-tf2, vae-tf2, dcgan-tf2, seq2seq-tf2,
                  keras-mnist, keras-cifar10), before any content was read (179 names picked from
                  the hits; 7 left out because they are on table n's, o's or p's candidate lists and
                  already mirrored: makora9143/ssvae-keras-tensorflow, ericphilbaz/CADA-VAE-Keras,
                  baoxperceptionio/predict-stocks-lstm-keras, fferroni/PhasedLSTM-Keras,
                  iomanker/VQVAE-TF2, lidless-vision/keras-residual-vae-tf2.3, SDBurt/CVAE-TF2; 46
                  more left out before the strike step, still by name only, to bring the list near
                  the size asked for (generic or duplicate names, few indexed files, TF1-era RL
                  names): eric6356/keras-cnn, coderalo/keras-cnn, nuke99/keras-cnn-v2,
                  kurakura0916/Keras-CNN, lneeraj97/keras-cnn, wassimseif/Keras-CNN-Cifar10,
                  21S003018/keras-cnn-captcha, frankred/opencv-keras-cnn, Askjensen/keras-LSTM,
                  jishnujayakumar/keras-lstm, djsaber/Keras-LSTM, djsaber/Keras-GRU,
                  djsaber/Keras-CNN, Chetan0403-zz/Keras-LSTM-Text-Normalization,
                  ManishGotame/Keras-LSTM-TextGenerator, SeongJunChoi/Keras-RNN,
                  mboyanov/keras-rnn-starter, zixinw/gushi-gen-keras-rnn,
                  AtanuCSE/TF-Keras-RNN-LSTM, chuanshuoge6/keras-RNN-stock,
                  ramirezgrosas/tf2-cnn-mnist-classifier, toobaimt/wideresnet-keras,
                  vintersnow/resnet-keras, ZoeQU/12-Mobilenet-keras, MuAuan/DCGAN-Keras,
                  YongWookHa/DCGAN-Keras, hongyuanzhu/DCGAN-keras, s-omranpour/X-VAE-keras,
                  tdrvlad/triplet-loss-keras, juan-28/Emotion-Recognition-Keras,
                  Shahnawax/HAR-CNN-Keras, adabyt/cnn-keras-tuning-fashion-mnist,
                  dinsizimansiz/keras-resnet, listenzcc/Keras-Mnist-Noisy,
                  shamangary/Keras-MNIST-center-loss-with-visualization,
                  genghk79/LSTM-Autoencoder-Anomaly-Detection,
                  Rohan-Kumbhar-3387/Customer-Churn-Prediction-ANN,
                  harsh2kum/customer-churn-prediction-ann, ZidanMusk/deep-RL-DQN-tensorflow,
                  evancasey/tensorflow-policy-gradient, mbavar/Actor-Critic-Algs-on-Tensorflow,
                  razisamuely/Multi-Agent-Deep-Deterministic-Policy-Gradients-Tensorflow,
                  sk-g/Speech-Recognition-Tensorflow-Challenge, jeffchenzc/Keras-LSTM,
                  huboyku/image-captioning-tensorflow, Kinetic27/char-lstm-rnn-keras; 126
                  candidates; searches whose hits mostly named no framework, such as lenet, segnet,
                  denoising, facial-expression, digit-recognition, handwriting-recognition,
                  traffic-sign, intent-classification, music-genre-classification, deep-q-learning,
                  actor-critic and policy-gradient, gave no picks that were kept).  Struck off by
                  name because the owner/name or the name occurs in this project's tracked text (31;
                  by the bare name only: minhquan6203/Keras-CNN, christianversloot/keras-cnn,
                  YhHoo/Keras-LSTM, bryan-mwas/keras-lstm, Shuai-Xie/resnet-keras,
                  ahanaf019/CGAN-Keras, JoyTerence/Emotion-Recognition-Keras, andrhage/cnn-keras,
                  jcklie/keras-autoencoder, christianversloot/keras-autoencoders,
                  ghost1412/Keras-Autoencoder, djsaber/Keras-UNet, kousokujin/keras-resnet,
                  P2333/keras-resnet, danielmarostica/keras-MNIST): minhquan6203/Keras-CNN,
                  christianversloot/keras-cnn, YhHoo/Keras-LSTM, bryan-mwas/keras-lstm,
                  Shuai-Xie/resnet-keras, BoomFan/DCGAN-Keras, mitchelljy/DCGAN-Keras,
                  ahanaf019/CGAN-Keras, bubbliiiing/dcgan-keras,
                  JoyTerence/Emotion-Recognition-Keras, andrhage/cnn-keras,
                  chansoopark98/Tensorflow-Keras-GAN, jjvmak/keras-gans-experiments,
                  forcecore/Keras-GAN-Animeface-Character, BoxFishLab/TF.Keras-GAN,
                  jason71995/Keras-GAN-Library, chen0040/keras-gan-models, artemmavrin/TF-Keras-GAN,
                  jcklie/keras-autoencoder, christianversloot/keras-autoencoders,
                  snatch59/keras-autoencoders, ghost1412/Keras-Autoencoder,
                  Mateo-EBA/Keras-UNet-Architectures, SanderWooning/keras-UNET-OCT,
                  HalestormAI/tf2-keras-unet, djsaber/Keras-UNet,
                  riven314/Keras-UNet-Foreground-Extraction, kousokujin/keras-resnet,
                  P2333/keras-resnet, w-shimaya/dcgan-tf2, danielmarostica/keras-MNIST.  Pinned
                  commit: the snapshot's HEAD.  Of the other 95: no snapshot (3:
                  SSaoulis/Probabilistic-UNet-tensorflow, Moveable-Feast/TF-Keras-MNIST-DA,
                  vk62945/Customer-Churn-Prediction-ANN); snapshot over 500 MB (0); 92 fetched;
                  fewer than 2 files (15: Nifra514/asllearning-for-keras-cnn,
                  ahmadfatnanali/Captcha-Solver-CNN-Keras-Tensorflow, saransh7/Match-LSTM-Keras,
                  MayCooper/CNN-LSTM-Keras-Video-Action-Recognition-for-Unsafe-Behavior-Detection,
                  NycolasGarcia/Churn-Prediction-ANN (0 files each);
                  GINK03/keras-cnn-character-code-detection, shashankg7/Keras-CNN-QA,
                  KaiWangCanada/har-keras-cnn, a-t-em/Keras-LSTM-spam-text-classification-,
                  jordan-bird/art-DCGAN-Keras, r0nn13/conditional-dcgan-keras,
                  zeynepsoyuk/Realtime-HAR-LSTM,
                  ferhatminder/Age-and-Gender-Classification-Using-CNN-Keras,
                  istaying233/LSTM-keras-solar-predict,
                  TeaPearce/precipitation-prediction-convLSTM-keras (1 file each)).  Kept 77, no
                  second round needed: validate 41 (282 code files: 238 .py, 44 .ipynb;
                  mikechen66/AlexNet_TensorFlow_2 alone 29), tune 36 (229: 198 .py, 31 .ipynb;
                  mikechen66/LSTM-TF2 alone 40).

--out defaults to the table's directory named above.

Usage: build_corpus.py [--out DIR] [--table a|b|c|d|e|f|g|h|i|j|k|l|m|w|y|n|o|p|s] [--mirrors DIR] [--half validate|tune|both] [--only owner/name ...]
"""

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

MAX_BYTES = 2 * 1024 * 1024
NEEDLES = (b"keras", b"tensorflow")
EXTS = (".py", ".ipynb")
# tables j-m and w: dependency declaration files, the names dropout_lint/project.py reads
DECL_RE = re.compile(
    rb"(?:^|/)(requirements[\w.-]*\.txt|setup\.py|setup\.cfg|pyproject\.toml|environment\.ya?ml|Pipfile)$"
)
DECL_MAX_BYTES = 1024 * 1024
DECL_TABLES = ("j", "k", "l", "m", "w")

REPOS_TSV = """\
repo	commit	kind	half	files_extracted
LynnHo/DCGAN-LSGAN-WGAN-GP-DRAGAN-Tensorflow-2	2bf0c8b6adbc5f0b9b0abb2149fe9cf47a978976	gan	validate	28
LynnHo/CycleGAN-Tensorflow-2	093dc9dab9223ea3d08977bff1c509290ea9571a	gan	tune	10
manicman1999/StyleGAN2-Tensorflow-2.0	989306792ca49dcbebb353c4f06c7b48aeb3a9e3	gan	validate	2
timsainb/tensorflow2-generative-models	9ef283b168a2c5d262bcc48eeba511ac357c0349	vae	validate	9
LucasPorto/deep_models	ce2bb600b694c7b43f1b0053c086a0379a5af8a4	vae	tune	11
davidADSP/GDL_code	2a7b8c92ea07ddd796d7a895b171dbc5fcc2c7cd	vae	validate	19
marload/DeepRL-TensorFlow2	876266d9a5fcf7d8a7c7e3afd8b110085b32b615	rl	tune	12
germain-hug/Deep-RL-Keras	a50cc30bea78315750c7c41f691d4eba80c7a888	rl	validate	15
keiohta/tf2rl	43523930b3328b28fcf2ce64e6a9a8cf4a403044	rl	validate	42
inoryy/tensorflow2-deep-reinforcement-learning	964fa7d1da8f91d3f766f6b5f9b0195d9616c0c4	rl	validate	2
shenweichen/DeepCTR	1b5fe40e158d1ee6af8b1d9df217a5ed5aea9136	recommender	validate	86
shenweichen/DeepMatch	fd74417629b19ba4518add93d05cafa551ac7c09	recommender	validate	28
ZiyaoGeng/RecLearn	4bbfb492b872c5a3290a2bce1ed5c160162558a3	recommender	validate	48
tensorflow/recommenders	cf1dafa988f223ed5f30b68cb9aed518484b3a1d	recommender	validate	65
danielegrattarola/spektral	a5fa5e38fca4eaca1e47ccfe1b00e0a61f64648b	gnn	validate	78
tkipf/keras-gcn	eb89564a0e865640c11283991685d80c84bc602a	gnn	validate	3
CrawlScript/tf_geometric	4539f115bfc1896225fd4c663e34351fc7915cfc	gnn	tune	82
tensorflow/gnn	5d7251e28998f7759d5145b80a63600dda11519b	gnn	validate	216
kpe/bert-for-tf2	55f6a6fd5d8ea14f96ee19938b7a1bf0cb26aaea	nlp	validate	29
kpot/keras-transformer	b9d4e76c535c0c62cadc73e37416e4dc18b635ca	nlp	validate	11
OpenNMT/OpenNMT-tf	6f3b952ebb973dec31250a806bf0f56ff730d0b5	nlp	validate	90
keunwoochoi/kapre	d2492dc083d4708fcf30de69b16d3ad0940a3692	audio	validate	16
TensorSpeech/TensorFlowTTS	136877136355c82d7ba474ceb7a8f133bd84767e	audio	tune	100
TensorSpeech/TensorFlowASR	f092d39743d74308cb7959001c4657b98d01e7be	audio	validate	90
magenta/ddsp	88621d2725e5af05114c4b322bc187ffae8c1f56	audio	validate	59
zzh8829/yolov3-tf2	2784050f2fc1ff060f4c8b3ac2db231370569aa8	detection_segmentation	tune	11
hunglc007/tensorflow-yolov4-tflite	9f16748aa3f45ff240608da4bd9b1216a29127f5	detection_segmentation	tune	13
fizyr/keras-retinanet	7ac91dfbbacce77d6d9633fc09e16cd0ee71fd5e	detection_segmentation	tune	46
zhixuhao/unet	b45af4d458437d8281cc218a07fd4380818ece4a	detection_segmentation	validate	4
xuannianz/EfficientDet	030fb7e10ab69a297c7723120c2d1be856a852c0	detection_segmentation	validate	21
qubvel/classification_models	a0f006e05485a34ccf871c421279864b0ccd220b	model_zoo	tune	10
leondgarse/keras_cv_attention_models	687943d88f7a7beea4807e8f4db00f4b49da9ea8	model_zoo	validate	198
faustomorales/vit-keras	1631fbe301460d20c624fc93af0397db6416433a	model_zoo	tune	6
tensorflow/model-optimization	6fbc2cec3984877251aa6ce961aceb7049cf2b25	framework_tests	tune	203
google/qkeras	78ea90fc381fef23faa4db0e1d88bd1173c1c644	framework_tests	tune	101
tensorflow/neural-structured-learning	c60d48b403009d94178826d15a12cc050a0b2dc5	framework_tests	validate	143
tensorflow/similarity	dc506d63d05d012d3496041c25c1c54981d39565	framework_tests	tune	155
sicara/tf-explain	9d7d1e900ec3e3e4b5338fbc43dfb93539acecc2	framework_tests	validate	30
google-research/simclr	383d4143fd8cf7879ae10f1046a9baeb753ff438	research_custom_loop	tune	26
sayakpaul/SimCLR-in-TensorFlow-2	29c725616adb386b203ab5eb653e0d36b297b34a	research_custom_loop	tune	3
dragen1860/TensorFlow-2.x-Tutorials	9861a308283d17693d497fdfaab20b92c0b26d08	course_book	validate	132
aamini/introtodeeplearning	fd8023c7804bd352fc7212ac3aa587bd90912653	course_book	validate	20
lmoroney/dlaicourse	f9bb5f236da306d9f8a7c978ed37292105fd7254	course_book	tune	107
PacktPublishing/Advanced-Deep-Learning-with-Keras	b065726ee733d32c6bd618fc7643c9fc51767c75	course_book	tune	50
tensorflow/agents	eb24cf5f93f99ed78261975cc61a7fc648febcd5	rl	validate	438
pythonlessons/Reinforcement_Learning	c9717f523fb9bd4bb8ccb5b34bd6ee6c76ea21b6	rl	validate	24
yingkaisha/keras-unet-collection	13e0e7e0b3c12d2be58d4a3157f3468652e00969	detection_segmentation	tune	22
"""

REPOS_TSV_B = """\
repo	commit	kind	half	files_extracted
tjwei/GANotebooks	40fe0aa7fdbb1b59954a2123520869708daebb1d	gan	validate	4
osh/KerasGAN	017014734eb4cabaf022b0488ea6d8a0ab297082	gan	validate	3
bstriner/keras-adversarial	6651cfad771f72521c78a5cc3a23a2313efeaa88	gan	tune	24
chaitanya100100/VAE-for-Image-Generation	1c4be4eaed969a3b634a0edd8a2a90a99569146c	vae	validate	12
snatch59/keras-autoencoders	524c99729a13cc7c1e94134e6226dd86fadb5410	vae	validate	9
google/dopamine	5873f5494ee0c2d7c016d0ab2ad530354fec59d0	rl	validate	68
keon/deep-q-learning	7856f2f003455c6c4935c902d722fe435bded863	rl	validate	3
yanpanlau/DDPG-Keras-Torcs	455fadee1016ef15ef08817d98ec376d7e34b500	rl	tune	3
NVIDIA-Merlin/models	eb1e54196a64a70950b2a7e7744d2150e052d53e	recommender	tune	147
hexiangnan/neural_collaborative_filtering	4aab159e81c44b062c091bdaed0ab54ac632371f	recommender	validate	3
tensorflow/ranking	5b1d1338c1cb76507466d062e2d48bae57b17ac4	recommender	tune	86
stellargraph/stellargraph	3c2c8c18ab4c5c16660f350d8e23d7dc39e738de	gnn	validate	117
microsoft/tf2-gnn	fa608555c68c41027a44e1ec68c160e92b570632	gnn	tune	33
vermaMachineLearning/keras-deep-graph-learning	899e85282981b8d5289df4f22f119fcbeaf5d657	gnn	tune	12
BrikerMan/Kashgari	ffe730d33f894e99a6fd7aa17ca67d161bf70359	nlp	tune	54
Hironsan/anago	0ffb4004427c0991b6d023bfa62b37795f608a3d	nlp	tune	10
kamalkraj/ALBERT-TF2.0	8d0cc211361e81a648bf846d8ec84225273db0e4	nlp	validate	15
lsdefine/attention-is-all-you-need-keras	c9c0277aa573227ab0a40d4d62e00fb0fd176d56	nlp	tune	4
ShawnyXiao/TextClassification-Keras	24532e632cebb1a68f3856f107ac9b1cbd0da072	nlp	tune	18
CyberZHG/keras-self-attention	f3bf21dbb1f3251b5417a8bb254dd91807b1aec5	nlp	tune	19
farizrahman4u/seq2seq	c37c67ffccc7578d03dd97100dffd99cc675c85d	nlp	tune	3
marl/crepe	c9b71ce61491454125a0693f584f7244f29d9884	audio	validate	2
spotify/basic-pitch	fa5997af0a8210982619003269994a1be25eddf3	audio	validate	20
deezer/spleeter	64daa5a9172aa33ba155f051184528c4e969ad8e	audio	validate	14
seth814/Audio-Classification	2aca6936241ce4273e9acc02d738e029433aa9ec	audio	validate	7
basveeling/wavenet	bf8ef958372692ecb32e8540f7c81f69a186eb8d	audio	validate	3
keunwoochoi/music-auto_tagging-keras	a3e105d0c4c529c512cc197ad8770ff1cc52aa32	audio	tune	6
drethage/speech-denoising-wavenet	bd778b2daff164456e2f0a7637717a3f3a1464ba	audio	tune	3
qiuqiangkong/audioset_classification	c5fb45cfd59e232335e5ad246d1ca17af4c98a78	audio	validate	4
qqwweee/keras-yolo3	e6598d13c703029b2686bc2eb8d5c09badf42992	detection_segmentation	tune	5
pierluigiferrari/ssd_keras	3ac9adaf3889f1020d74b0eeefea281d5e82f353	detection_segmentation	tune	15
david8862/keras-YOLOv3-model-set	96b59be4bbb3ef5272ef4ff1e9d4efd15fc87e50	detection_segmentation	validate	89
MrGiovanni/UNetPlusPlus	2659ddc26976d2e4062722c58013aa2213ba5e29	detection_segmentation	validate	33
qubvel/efficientnet	f7f3e736c113b872caf53dae9fbbda996a8eb87d	model_zoo	tune	8
rcmalli/keras-vggface	bee35376e76e35d00aeec503f2f242611a97b38a	model_zoo	tune	8
calmisential/Basic_CNNs_TensorFlow2	907303dc0db0548682e131cf680ae8aab4ab0ad2	model_zoo	tune	29
titu1994/keras-squeeze-excite-network	fc5345bc3bf07087b85bd5c37fe832eb29605905	model_zoo	validate	11
tensorflow/privacy	03035d5d4a271ac795dab80f5bc1cef82fc3d462	framework_tests	validate	202
larq/larq	fe3ce52171aca19da649571bd541e68f758469f0	framework_tests	validate	27
tensorflow/lattice	f52258331345031d179e24b8c8a93bffdd2d7597	framework_tests	validate	47
tensorflow/decision-forests	ad5a8dccc3f9e73d14aef7b53d4e90970859012a	framework_tests	tune	73
tensorflow/quantum	cb76b44dd50953cc3085c99cf8053ab1f90ede8e	framework_tests	validate	114
onnx/tensorflow-onnx	6537fcb2ee9868f7446a278dc1473915cdec5d45	framework_tests	validate	182
maxpumperla/elephas	48f6f469a0a898533946639c095a31c1db81c50b	framework_tests	validate	23
google-research/big_transfer	140de6e704fd8d61f3e5ea20ffde130b7d5fd065	research_custom_loop	tune	6
garder14/byol-tensorflow2	cd2f29b422d3ca935247700de1a525efa4636c13	research_custom_loop	tune	6
mrdbourke/tensorflow-deep-learning	bd065b806249f7b1155e5b1fabd130c5cfc9d184	course_book	tune	41
PacktPublishing/Deep-Learning-with-TensorFlow-2-and-Keras	e23d2b4a4292386b70977473805acb2f93ef16ca	course_book	tune	72
https-deeplearning-ai/tensorflow-1-public	025abb3e6bd63c63b65d6133286e2d033c9c7da4	course_book	tune	52
dragen1860/Deep-Learning-with-TensorFlow-book	f99a94ed7d27cf7264bab37527e3c66735928f6d	course_book	validate	67
bnsreenu/python_for_microscopists	e345e4983fe85d6add34cd696f859d6c6598b9c3	course_book	validate	189
Kaggle/learntools	8a8d4450a699c864febc419fb27ec41443a5942b	kaggle	tune	74
zonemercy/Kaggle	35ecb08272b6491f5e6756c97c7dec9c46a13a43	kaggle	validate	9
AbhinavA10/ML-courses	8e292d99bc0801c9832d8ef9b14697d76e843eb3	kaggle	validate	40
google/uncertainty-baselines	163351d4c92340a80e572bc376ec837d8e96399d	uncertainty_bayesian	validate	391
google/edward2	ee025600cb3cf288230f34929d8a7110e719686b	uncertainty_bayesian	tune	124
kyle-dorman/bayesian-neural-network-blogpost	5fc764b18e4826b90b1082e5142fdbbb23b0395d	uncertainty_bayesian	tune	10
hfawaz/dl-4-tsc	e0233efd886df8c6ca18e6f1b545d15aaf423627	time_series	tune	10
LongxingTan/Time-series-prediction	1d1324b4dfc05accc0385cc250ae3a7b2bb2669e	time_series	validate	93
sktime/sktime-dl	1cc7e1d3ce98ccfd1165386fd5ccbd87b6c814e9	time_series	tune	50
"""

REPOS_TSV_C = """\
repo	commit	kind	half	files_extracted
carpedm20/DCGAN-tensorflow	62c9a2a7f74505cad30858bf40307c93e5bd9293	gan	validate	4
hwalsuklee/tensorflow-generative-model-collections	3abde8a9bcfe31815da50347d14641ec95096f62	gan	validate	15
taki0112/StarGAN-Tensorflow	277bfc3323461ad674dbffd067065d442787a542	gan	tune	3
google/compare_gan	19922d3004b675c1a49c4d7515c06f6f75acdcc8	gan	tune	61
yzwxx/vae-celebA	084d524ce5989f815435ace964fd4c10f05e73a9	vae	validate	5
deepmind/trfl	08ccb293edb929d6002786f1c0c177ef291f2956	rl	validate	34
tensorforce/tensorforce	d384bdc8647c53557698d051c8e5f2ce94086e16	rl	validate	77
rail-berkeley/softlearning	13cf187cc93d90f7c217ea2845067491c3c65464	rl	tune	38
MorvanZhou/Reinforcement-learning-with-tensorflow	93e333484be0e262d28b65507b6a1d002424a056	rl	tune	33
ChenglongChen/tensorflow-DeepFM	a43dd5ff1f61a275c8a6e0fd659e200af64093cc	recommender	tune	2
hwwang55/KGCN	2363ca2ddc66a79860629b2e0ec6ad23c57697c8	recommender	validate	3
kang205/SASRec	e3738967fddab206d6eeb4fda433e7a7034dd8b1	recommender	tune	2
LongmaoTeamTf/deep_recommenders	168dabe4ef3a38cc582d019766cf3de576bc8af1	recommender	validate	44
xiangwang1223/neural_graph_collaborative_filtering	a718a4f2df7c3942ca0df6759926975762c61eed	recommender	tune	3
deepmind/graph_nets	64771dff0d74ca8e77b1f1dcd5a7d26634356d61	gnn	tune	21
PetarV-/GAT	5af87e7fce2b90ae1cbd621cd58059036a3c7436	gnn	validate	6
williamleif/GraphSAGE	a0fdef95dca7b456dab01cb35034717c8b6dd017	gnn	validate	11
shenweichen/GraphEmbedding	c8efad063c6a1162cb545385b3e18559b2e46df9	gnn	tune	4
CyberZHG/keras-xlnet	d9dbd2c00d9ffbf1d12a8bf3ef75ece4b25b06de	nlp	tune	30
UKPLab/emnlp2017-bilstm-cnn-crf	b709f580f11c33c0f9951a0afdc3e71a252c93fd	nlp	tune	7
minimaxir/textgenrnn	ee8b9e806d109c25566581f358a4a72b6f03929a	nlp	validate	7
guillaumegenthial/sequence_tagging	5cb9890e7c52e35a1239378da43a8de7be508003	nlp	tune	3
google-research/electra	8a46635f32083ada044d7e9ad09604742600ee7b	nlp	tune	21
brightmart/albert_zh	52149e82faf3eddd02f31dc2942a4d06bc78c247	nlp	validate	23
huseinzol05/NLP-Models-Tensorflow	0741216aa8235e1228b3de7903cc36d73f8f2b45	nlp	tune	399
ibab/tensorflow-wavenet	3c973c038c8c2c20fef0039f111cb04139ff594b	audio	tune	9
keithito/tacotron	d26c763342518d4e432e9c4036a1aff3b4fdaa1e	audio	validate	9
jordipons/musicnn	516acb2a0ff5ef73f64547898e018e793152c506	audio	tune	6
douglas125/SpeechCmdRecognition	e965a72a8d1dedf490d4eba1996b2f3bb74eacdf	audio	tune	6
Kyubyong/dc_tts	8b38110875920923343778ff959d01501323765e	audio	validate	6
experiencor/keras-yolo2	8bc3fcdc123a5d6b9624ed4188e07b876b79dac5	detection_segmentation	tune	7
kbardool/keras-frcnn	cf9685b515695d15ee7688ef81959db171cc0ee2	detection_segmentation	validate	9
bonlime/keras-deeplab-v3-plus	69a547c55972e8a4295b133ef35e621f19a225d7	detection_segmentation	tune	6
aurora95/Keras-FCN	35afe12e514a3bf5e56bc90e69d5b329ce9ae68d	detection_segmentation	validate	14
google/automl	6a54c8741e7c3265d4547c4f35f47a0391122dc5	detection_segmentation	tune	104
OlafenwaMoses/ImageAI	2156d1a39a196c72057771d1d16226388c1d7baf	detection_segmentation	validate	44
DLTK/DLTK	f94d3bb509eb0741164149acbef0788769a869e4	medical_imaging	validate	33
NifTK/NiftyNet	935bf4334cd00fa9f9d50f6a95ddcbfdde4031e0	medical_imaging	tune	245
jakeret/tf_unet	0dcdf2ff1ebcc2ee59997d127a0c0be847168884	medical_imaging	validate	3
lindawangg/COVID-Net	65999806546b55ab8adfc32b0cf8f70880c337dc	medical_imaging	validate	8
perslev/MultiPlanarUNet	b8076091f0b5bd1cc357c2724fef3b14ea379121	medical_imaging	tune	25
ZFTurbo/segmentation_models_3D	e672e6a3e2d57bc8dbdd323948f938b09118f47c	medical_imaging	validate	17
huseinzol05/Stock-Prediction-Models	33266732b0b16188b565e0aeb6b24efa71161f6a	time_series	validate	50
Arturus/kaggle-web-traffic	a9abb80c800409abf0ece21ea244ef779f758f96	time_series	validate	7
jsyoon0823/TimeGAN	8f6181cb9b9d2fa0c930cd902411d9ac8a308e07	time_series	validate	5
JEddy92/TimeSeries_Seq2Seq	190fe87a9ea48bc5096b6417b7cb769aaa8887cf	time_series	tune	4
oarriaga/paz	b5baf12ffca60969c2fcdc04a315bf381d04dca7	model_zoo	validate	162
yu4u/age-gender-estimation	6af6148f6eb09bf16e7164490730c71c61c89f3e	model_zoo	validate	9
fchollet/deep-learning-models	ccd0eb24996b4cbff4231b90cd44b057c0b20f14	model_zoo	validate	10
rasbt/deeplearning-models	18e046926551378cd691fd871dda0f21dcd272ab	model_zoo	tune	26
titu1994/Keras-NASNet	8a5d132b6ec35251ab4972ed6cd0a571de0a8d2d	model_zoo	tune	8
google-research/fixmatch	d4985a158065947dba803e626ee9a6721709c570	research_custom_loop	validate	52
google-research/uda	960684e363251772a5938451d4d2bc0f1da9e24b	research_custom_loop	validate	25
google-research/meta-dataset	167609505780a3dc604f50206253d65839093be9	research_custom_loop	tune	59
ayulockin/SwAV-TF	1de736f3584c7a256a3ec66c5a596591d921064e	research_custom_loop	validate	15
chiphuyen/stanford-tensorflow-tutorials	51e53daaa2a32cfe7a1966f060b28dbbd081791c	course_book	validate	76
trekhleb/machine-learning-experiments	307992fe7d8e42decc53b821e815a16fcd3bf15a	course_book	validate	9
PacktPublishing/Hands-On-Computer-Vision-with-TensorFlow-2	9a73003eff274f288d59dfb1532a5a48655bfaa3	course_book	tune	49
adgirish/kaggleScape	18bede8420ab8d2e4e7c1eaf6f63280e20cccb97	kaggle	tune	543
ZFTurbo/KAGGLE_DISTRACTED_DRIVER	4a60c6590d528f992c5e89395eb2700730c9ad1e	kaggle	validate	5
PraveenAdepu/kaggle_competitions	ed0111bcecbe5be4529a2a5be2ce4c6912729770	kaggle	tune	323
"""

REPOS_TSV_D = """\
repo	commit	kind	half	files_extracted
keras-team/keras-rs	812d35bf0cb2452e66433e52880eb892a99bb8c9	recommender	tune	91
divamgupta/stable-diffusion-tensorflow	6db7e56b7f423405b4668c601409e17f0f978e55	diffusion	validate	9
beresandras/gan-flavours-keras	b4bc42e1878ddf50fc7b82834de0d1eb5fefbc7b	gan	validate	9
beresandras/clear-diffusion-keras	6ed2ac64f294f46991c76b1196cd8999ddb60819	diffusion	tune	7
fizyr/keras-maskrcnn	5c4b3610775d2a32beb9ed9c0d04eb6b16b114f2	detection_segmentation	tune	22
theAIGuysCode/yolov4-deepsort	24e675f59d556e13c680df125918ec031c4bd683	detection_segmentation	tune	11
voxelmorph/voxelmorph	ca28315d0ba24cd8946ac4f6ed081e049e5264fe	medical_imaging	validate	21
adalca/neurite	7c4b05e7f401be934010b2a0a57c85a8f6a82808	medical_imaging	tune	16
BBillot/SynthSeg	66342c1f05e520f3729a6d7ca1042eb7f01b6266	medical_imaging	tune	24
MrGiovanni/ModelsGenesis	12f7feb67e509d5eb0b1a8f101592efbffa1c8f0	medical_imaging	validate	7
IAmSuyogJadhav/3d-mri-brain-tumor-segmentation-using-autoencoder-regularization	1d0a318c1f77692dd6ab2eea993740902e412d95	medical_imaging	validate	3
philipperemy/n-beats	06a4e209ada80bf1f403ced5228261784dfb26ed	time_series	tune	9
hfawaz/InceptionTime	952d115e83fb3a66d75c5858c702f8dd5eeb18b7	time_series	tune	3
google-research/leaf-audio	b130481b7ddeffceaa265eba4e49a49ed7352d7e	audio	validate	13
breizhn/DTLN	1de1f15a8b5b7e1c44905618ff2ef70ca8277fbc	audio	tune	7
deepmind/acme	a6d719904aaf2d5dfc3e9a597c58ef7584671309	rl	tune	80
tensorlayer/RLzoo	e3ed8a57bd8130bd7b663f213a388ce972925f30	rl	validate	24
tensorflow/recommenders-addons	b3bc3d4691a9421dbe837ee9708c504217fdc8f9	recommender	tune	91
tensorflow/tfx	58435d68d561e9ba6c657a0ec111adba5176ee98	framework_tests	tune	427
tensorflow/model-remediation	98e1f9b47d6da43391a2fd2efa33e5e30e0231c9	framework_tests	tune	82
tensorflow/cloud	157dd415122f66476077a72dbef7ceb925281db7	framework_tests	tune	67
deepmind/sonnet	5a465696383f967d5bffb6599347d9e6c15cef4b	framework_tests	tune	114
Kaggle/docker-python	78aaa43f8cc8e6b01bbaa5a56c39b4a2f61a8277	kaggle	validate	16
beresandras/contrastive-classification-keras	c32077d073c74cd741a456415035a77b5db1df77	research_custom_loop	validate	6
wau/keras-rl2	adf354017d164a2c25c4a6cbd6ec558840b62903	rl	tune	23
google-research/seed_rl	0e1e0ac9178a670ad1e1463baed92020e88905ec	rl	validate	66
datawhalechina/fun-rec	13509d6057d43393b6b129624c70a8cb6e214d0d	recommender	validate	44
wzhe06/SparrowRecSys	579577c9a25f75fc6bbdfeb2f258f7c8a35833dd	recommender	validate	8
akanyaani/gpt-2-tensorflow2.0	ab93122396a02bfd76530ac6b414a525970bba96	nlp	tune	12
huseinzol05/malaya	d746490536f82fab28cc4b040e26c643687ce51c	nlp	validate	725
as-ideas/TransformerTTS	363805548abdd93b33508da2c027ae514bfc1a07	audio	validate	18
bubbliiiing/yolov4-tf2	023c6029b30b9c343c8863fd2be898c456297053	detection_segmentation	tune	13
bubbliiiing/unet-tf2	ac6b8922546c89bc79674dc7c19a114c69e48c52	detection_segmentation	tune	13
xuannianz/keras-CenterNet	39cb123a94d7774490df28e637240de03577f912	detection_segmentation	tune	14
frankkramer-lab/MIScnn	d715af62839b7577e61a6a2ce7fc5ff4a21bcc58	medical_imaging	validate	27
perslev/U-Time	e51be3fc9e44e2073152b19c424e14673a963ea9	medical_imaging	tune	20
titu1994/LSTM-FCN	0f258c740c4371c7ab50dea2bb5ce0d30c8576f2	time_series	tune	8
titu1994/MLSTM-FCN	85100ccfec7ee08106b3a25906a0c9c707e1b7ab	time_series	tune	42
PacktPublishing/Deep-Learning-with-TensorFlow-and-Keras-3rd-edition	7f1d064983bc7ffd7ba9305124a3ad2b82a2ab77	course_book	tune	77
rickiepark/deep-learning-with-python-2nd	8dc993026f7096aab3033293c30eda241d592834	course_book	validate	20
google/eng-edu	b2e60904ada0e8c238c519d53567a8c8667d189f	course_book	tune	39
lexfridman/mit-deep-learning	c5cc240d3482889109c954eeac786522843b0b3a	course_book	tune	7
https-deeplearning-ai/machine-learning-engineering-for-production-public	a261fd3bba3e82b976c6fb568f8ef434140baccb	course_book	validate	18
y33-j3T/Coursera-Deep-Learning	b919cf2dd96245dfe5f9a1480762dd5ee33fcf16	course_book	tune	197
1044197988/TF.Keras-Commonly-used-models	b37276bcee454b2c39b8fcc60e87b72ec8a6a5d4	model_zoo	validate	61
sayakpaul/deit-tf	79cc91d3cb497f7abe5111fb536968fb9d9a754d	model_zoo	validate	14
sayakpaul/keras-convnext-conversion	ba44443acca0132b101b23d20ae084ccc55d5ce8	model_zoo	tune	4
philtabor/Youtube-Code-Repository	eb3aa9733158a4f7c4ba1fefaa812b27ffd889b6	rl	tune	39
"""

REPOS_TSV_E = """\
repo	commit	kind	half	files_extracted
nikhilroxtomar/Semantic-Segmentation-Architecture	558a6b88108a58aac21ce4109397022e21cc6f1c	segmentation	validate	18
MorvanZhou/NLP-Tutorials	3aa02a13151b696e8c034da5f7bd2ef4294a5e5f	transformer	tune	17
musikalkemist/DeepLearningForAudioWithPython	bb763f64e88c858007d6aebb10af874045acfb13	audio	tune	5
musikalkemist/generating-sound-with-neural-networks	4e71d22683edb9bd56aa46de3f022f4e1dec1cf1	vae	validate	14
ukairia777/tensorflow-nlp-tutorial	741633f27dbcd24baa44a63d20dd73969fb2e111	nlp	validate	111
jonkrohn/DLTFpT	35438188d169ed692874a4e9e501ece68f4c51df	book	validate	28
ageron/tf2_course	cb9a7263c76bbad302cd177835895992a556c4b9	course	tune	6
Rishit-dagli/Conformer	9a89d28d2071d68dc6d7745747ff40c89bf85393	transformer	tune	6
moono/stylegan2-tf-2.x	aec4cec621d00ba5bd0a6b757dd24bc4472f2138	gan	tune	33
anita-hu/TF2-RL	a02c9c06d1d3c91ac3503492c85a49e1ccc1aeaa	rl	tune	10
Huixxi/TensorFlow2.0-for-Deep-Reinforcement-Learning	d1c191e7bfbb44357a4066ced3b96fa8c847875a	rl	validate	8
czy36mengfei/tensorflow2_tutorials_chinese	15b7ac2bba8ec2330dfa422411f8307c358b4c9d	course	validate	51
lazyprogrammer/machine_learning_examples	9c35878543c99be13dd5201a5d1bebf492bcd2b4	course	validate	126
massquantity/LibRecommender	7463d9d084bfc6d4cf06dbfc834a255801304d2f	recommender	tune	73
pythonlessons/TensorFlow-2.x-YOLOv3	9f29d73ee24cd5db4ead280f95ff06f66d538fc2	detection	tune	15
nikhilroxtomar/Polyp-Segmentation-using-UNET-in-TensorFlow-2.0	b69fa9260367158aa118c08212dcb86749ea0ae6	medical	tune	4
tensorchiefs/dl_book	f3ff5b147d109e208ba6359177f9e2b0c165cd81	book	tune	29
Nyandwi/machine_learning_complete	8aabb071866027dd5c83de6de0c82a17f2ebe79e	course	validate	14
alexeygrigorev/mlbookcamp-code	db3a803512b2c2ee51e818f2a9a12223ff2bf356	book	tune	10
DataTalksClub/machine-learning-zoomcamp	f9f043809be052b556dfc22ff42975a1d932bf94	course	tune	26
sthalles/SimCLR-tensorflow	281c7d49b0a6c7641a3e40509e4a78b533d10d7b	contrastive	validate	10
Sakib1263/TF-1D-2D-Segmentation-End2EndPipelines	e59dee1f00a9059dfc322ef3716ee4291260329f	segmentation	tune	28
awsaf49/gcvit-tf	174ea5855020a4fbcbacdf8e08eba638039df95b	transformer	validate	14
innat/VideoSwin	d7bbf24e150c45e6472a002dc6fe54cc3587f96c	transformer	tune	24
CVxTz/audio_classification	e4cb3adc39469166a5440d4cefc05b12d0678adb	audio	validate	6
CVxTz/medical_image_segmentation	0b4be1710e01ef9271bf295e9830747dd9232d96	medical	validate	9
krasserm/face-recognition	363e4ec0f700e74b2ea7abceba289390d29dd43f	face	validate	3
suvoooo/Machine_Learning	cb9f09ee7bb54a575fd7527e147709def4a27b2f	course	validate	2
soumik12345/MIRNet	c6812f5bc4ac87e4e63af21aa4e0db84597a17c8	enhancement	validate	12
PacktPublishing/Tensorflow-2.0-Computer-Vision-Cookbook	8b011be3bd430365190faf4dfc8917c538cb7f68	book	tune	66
tensorchiefs/dl_course_2021	cc76468044b96e9c96cbaeaab1e0019f00c30e24	course	tune	44
ariG23498/mae-scalable-vision-learners	3f636b61b8892e0ca98fedff18ff0eac418facf4	transformer	validate	2
"""

REPOS_TSV_F = """\
repo	commit	kind	half	files_extracted
Rishit-dagli/Fast-Transformer	fcdd97bfbf25a46f6a4815ff5022157044eca0c5	transformer	tune	6
srihari-humbarwadi/DeepLabV3_Plus-Tensorflow2.0	f06df320aebe4aeeeccfa789340b14c0df163b09	segmentation	validate	10
srihari-humbarwadi/retinanet-tensorflow2.x	0df3de07405cc8b10f209fcfdb51b76236595180	detection	validate	43
sayakpaul/Adaptive-Gradient-Clipping	65f4ba6a8821e8d35558718a5e6a803931f8db33	training	validate	5
apoorv98/deep_learning_with_python	878f8fba2a062591a7f67f4145b0693812317ae1	book	validate	34
kiyoumiii/IgVAE_Protein_Generative	96746848b8cbafe5919013b22c16129407ea1962	vae	tune	7
halimelsaputra/Kelompok7_Variational-Autoencoder_handwriting-generator	e7da6a723936151a4f1431625019618fe272b186	vae	tune	3
SreesanthJPN/Building-and-roads-blueprint-extraction-from-satellite-images	bb44e17a50be92dff687b56cd478052e18e8ffa4	segmentation	tune	2
HalestormAI/tf2-keras-unet	6bee0361b69478cae81769bc5b413be7e0691347	segmentation	validate	3
SaminSarker05/NeuraCast	1cbf16bdb52e1aea3f814aee3d4f9eb95648641d	timeseries	validate	2
trigunam/NLP-Sentiment-Health-Prediction	a5b0733af083b0417242ca71f239b86713a05370	transformer	validate	8
maxrousseau/ml-implementations	02da6a800def05f8a6aeb2d215d93d99b782f27f	course	tune	5
alexgl-github/rl	9f618298cf90b32c189e15e61082769d17d0043e	rl	tune	2
Rishit-dagli/GLOM-TensorFlow	9d8e4562414eedf69161a4c799e66798dee762b1	transformer	validate	6
bryanlimy/tf2-transformer-chatbot	6f396dddf44a9fd23b5720c550224b41caf80598	transformer	validate	4
sebastian-sz/efficientnet-v2-keras	1a673c8e875e4b042034a70e1e73f461f05b7358	model_zoo	tune	21
peteryuX/arcface-tf2	dab13506a1b1d25346f0a8b6bf0130e19c3e33b3	face	validate	10
peteryuX/retinaface-tf2	cae4af855cfce95a9867ee06ab61c5db4cc36151	face	tune	11
yinguobing/cnn-facial-landmark	0dee5ef2de61802d158975332ce1d0bffd87899f	face	tune	3
NITHISHM2410/diffusion-model-tf-ddpm	aae35f7e0b7482e6101d79b518646ecc313392ae	diffusion	tune	3
nathanwbailey/diffusion_model	447c66e45596b4ca2ffc8cf698e3150695349c68	diffusion	tune	6
GregoryTomy/recommender	2a07a1d1665f902bd1ab9089d2845ed2cff2f724	recommender	validate	2
m2dsupsdlclass/lectures-labs	a41bdfde52081eaa615d86c46fceeae1c4b1d0cd	course	validate	75
aliraein/Image-Classification-DL-TPU	be3e23a2b484b7330def4f486e844b8773d7665a	kaggle	tune	2
AndiBraimllari/Kaggle-Competition-TensorFlow-2	738df42bc53a69c311e438f5d96653d8ba9e2d37	kaggle	tune	3
Yu-su1230/music-analisis	e567a8391a9e77fd3b9a86a0b1b93867e80866d4	audio	tune	4
"""
REPOS_TSV_G = """\
repo	commit	kind	half	files_extracted
affinelayer/pix2pix-tensorflow	0f2174424356162920fc25067e63db2bcf19f4e7	gan	validate	8
NVlabs/stylegan	1e0d5c781384ef12b50ef20a62fee5d78b38e88f	gan	validate	15
carpedm20/BEGAN-tensorflow	722b3f1a2ff9fd79b8508d3fd29b2a15e4e8ae36	gan	validate	5
znxlwm/tensorflow-MNIST-GAN-DCGAN	967510386ae0dff82137226b67da53bbf7c8e3d7	gan	validate	2
taki0112/UGATIT	d508e8f5188e47000d79d8aecada0cc9119e0d56	gan	tune	3
igul222/improved_wgan_training	fa66c574a54c4916d27c55441d33753dcc78f6bc	gan	validate	15
brain-research/self-attention-gan	ad9612e60f6ba2b5ad3d3340ebae60f724636d75	gan	tune	9
hwalsuklee/tensorflow-mnist-VAE	e7903ac398aa5fc3eec8470177abf6ef78d9cac1	vae	validate	3
wiseodd/generative-models	b930d5fa9e2f69adfd4ea8ec759f38f6ce6da4c2	vae	tune	50
openai/glow	91b2c577a5c110b2b38761fc56d81f7d87f077c1	vae	tune	11
openai/baselines	ea25b9e8b234e6ee1bca43083f8f3cf974143998	rl	validate	54
hill-a/stable-baselines	259f27868f0d727d990f50e04da6e3a5d5367582	rl	validate	38
dennybritz/reinforcement-learning	2b832284894a65eccdd82353cc446f68d100676e	rl	validate	15
awjuliani/DeepRL-Agents	f3c9a3ff9ee86029a72b63bbfa4dce3c56979ab3	rl	tune	12
deepmind/scalable_agent	6c0c8a701990fab9053fb338ede9c915c18fa2b1	rl	tune	9
openai/universe-starter-agent	293904f01b4180ecf92dd9536284548108074a44	rl	validate	3
Leavingseason/xDeepFM	114c4c45b1cb6144b2540f92a2b357c3f445e98e	recommender	validate	8
princewen/tensorflow_practice	b3696f757a9620ed317b5b34b749f6352a1542b6	recommender	tune	201
hwwang55/DKN	90a188021a82ddaadffc44f6d87e1e72b1c3db9a	recommender	validate	2
hwwang55/RippleNet	46a364d6aa4e346111043924a4741a21d2ff09b6	recommender	tune	2
Atomu2014/product-nets	f0ba27444c89ed745fad27db1aa866e7b2ccabd8	recommender	tune	2
lambdaji/tf_repos	b531ff12cdab65acc9551025f73fade2b6f425a7	recommender	validate	12
tkipf/gcn	39a4089fe72ad9f055ed6fdb9746abdcfebc4d81	gnn	validate	5
tkipf/gae	0ebbe9b9a8f496eb12deb9aa6a62e7016b5a5ac3	gnn	validate	6
xiangwang1223/knowledge_graph_attention_network	c03737be46ac26a0b5431efe149828e982ffbbfb	gnn	tune	8
google-research/bert	eedf5716ce1268e56f0a50264a88cafad334ac61	nlp	validate	13
zihangdai/xlnet	bbaa3a6fa0b3a2ee694e8cf66167434f9eca9660	nlp	tune	13
openai/gpt-2	9b63575ef42771a015060c964af2c3da4cf7c8ab	nlp	tune	4
tensorflow/nmt	0be864257a76c151eef20ea689755f08bc1faf4e	nlp	tune	21
Kyubyong/transformer	fb023bb097e08d53baf25b46a9da490beba51a21	nlp	validate	11
brightmart/text_classification	091ff9910839ba5053302383af99762c0c91a992	nlp	tune	79
allenai/bilm-tf	7cffee2b0986be51f5e2a747244836e1047657f4	nlp	validate	9
google-research/albert	b772393d3dae115b493258ce8e37c17b2cc62100	nlp	validate	21
mozilla/DeepSpeech	6913ae817bc09159c64def7f130708682c197ba3	audio	validate	18
Rayhane-mamah/Tacotron-2	ab5cb08a931fc842d3892ebeb27c8b8734ddd4b8	audio	tune	24
magenta/magenta	526d3eb1a39df21215d286079cb0b8fc179fd4b3	audio	validate	228
f90/Wave-U-Net	75eeae69953d6688ae7ec863c69146171accf08c	audio	tune	9
endernewton/tf-faster-rcnn	b4da911705925ec00e8359b76a2d7260f6d1d314	detection_segmentation	validate	14
YunYang1994/tensorflow-yolov3	03cb272af2e26d598c553f3a2d38024fc6f67a0b	detection_segmentation	tune	14
balancap/SSD-Tensorflow	e0e3104d3a2cc5d830fad041d4e56ebcf84caac3	detection_segmentation	tune	35
rykov8/ssd_keras	a560b91e78b87b1e3322008c059276a69766db2d	detection_segmentation	validate	7
MarvinTeichmann/KittiSeg	80adf0350c3108296f005ef3a24668aac55a47e7	detection_segmentation	validate	11
raghakot/keras-resnet	5e9bcca7e467f7baf3459d809ef16bb75e53f115	model_zoo	tune	3
tensorflow/tpu	7dc921f846c9e4071f3884b768a7ddf521272a49	model_zoo	validate	312
tensorpack/tensorpack	1547a54e8546494614ca31c984a1bfd1d0e24b77	model_zoo	validate	116
horovod/horovod	2626dc87a3a8eb8fb7d2216198ce45bce0f9e65a	framework_tests	tune	91
maxpumperla/hyperas	2ae8ec491b73d257d9611110dad66ee743bbd624	framework_tests	validate	19
shap/shap	df974a1966294b9c7acebb1373fd6dc5445d1d3d	framework_tests	tune	27
raghakot/keras-vis	90ae5565951b5e6a90d706b8205c2c4dfc271505	framework_tests	validate	27
philipperemy/keract	748cc66ebc504f8500bfb423756dac5bbc7aaa61	framework_tests	validate	16
tflearn/tflearn	db5176773299b67a2a75c5889fb2aba7fd0fea8a	framework_tests	tune	59
tensorflow/federated	19114c5c851394e8468573ab12b0b9f9dec226a3	framework_tests	validate	588
tensorflow/estimator	26a7dc2ef7d348be1745b21f952c311c38f68209	framework_tests	validate	153
nlintz/TensorFlow-Tutorials	d6bdab7df46492446c48537fcf37e20ba44e8168	course_book	validate	24
rasbt/python-machine-learning-book-2nd-edition	1b01e733d15a1808ebdb0e07e46dbb9cb1634323	course_book	validate	6
leriomaggio/deep-learning-keras-tensorflow	b996ea1faba3ee7d01ea7bd733d2e7cd71be6bb5	course_book	tune	26
GoogleCloudPlatform/tensorflow-without-a-phd	0394811fa439c3d28eb33dd53ed5764f01da3f1b	course_book	tune	46
EdwardTyantov/ultrasound-nerve-segmentation	84a614009cdce6426628b7dbf159fc5a445fe302	kaggle	validate	9
zake7749/DeepToxic	92710446c55fe60526099f808a7e1179402e199f	kaggle	tune	11
google-research/mixmatch	1011a1d51eaa9ca6f5dba02096a848d1fe3fc38e	research_custom_loop	tune	25
cbfinn/maml	a7f45f1bcd7457fe97b227a21e89b8a82cc5fa49	research_custom_loop	validate	5
openai/supervised-reptile	8f2b71c67a31c1a605ced0cecb76db876b607a7a	research_custom_loop	validate	9
takerum/vat_tf	c5125d267531ce0f10b2238cf95604d287de63c8	research_custom_loop	tune	8
brain-research/realistic-ssl-evaluation	81fe4b2c74282fa94219ddf6a22146a6f6b2cfab	research_custom_loop	tune	12
google-research/noisystudent	aac52bf02448f6e45aee6c418f3e588803e4fa43	research_custom_loop	validate	11
LantaoYu/SeqGAN	e2b52fb6309851b14765290e8a972ccac09f1bec	gan	validate	5
santi-pdp/segan	c88a08d3299fe6b3627550a4fdb036b179a6537a	gan	validate	8
chrisdonahue/wavegan	40e85e8adf6207ee194e976f844e257970c6c5dc	gan	validate	13
openai/pixel-cnn	bbc15688dd37934a12c2759cf2b34975e15901d9	vae	tune	3
carpedm20/deep-rl-tensorflow	95d3e2dde77d4a7a393ec418fe3537094d08c2ba	rl	validate	12
devsisters/DQN-tensorflow	c7b1f1051dfa152530322445fc8febb9a2ea078b	rl	validate	5
tensorflow/minigo	6d89c202cdceaf449aefc3149ab2110d44f1a6a4	rl	tune	43
coreylynch/async-rl	1741d52ce1cbab066c6af2c645865473c422db55	rl	validate	5
cheungdaven/DeepRec	68a34cb495911e797d85cbd962526188f4aede12	recommender	tune	22
hexiangnan/attentional_factorization_machine	09c6756788a4fb78a4283271876fd81344c67bf3	recommender	tune	2
hexiangnan/neural_factorization_machine	ca2a5d11b929816aa44c6e470e795af144608507	recommender	validate	2
shchur/gnn-benchmark	1e72912a0810cdf27ae54fd589a3b43358a2b161	gnn	tune	13
Accenture/AmpliGraph	260a732f40cd2178773707963242331808de8e2d	gnn	validate	51
danielzuegner/nettack	da8ec64b2444233ffa1a29b18e8abdfda2015679	gnn	tune	2
abisee/pointer-generator	b29e986f24fdd01a6b6d6008187c5c887f0be282	nlp	tune	9
sherjilozair/char-rnn-tensorflow	4bff62d34ba6d536f052145cd3f8f79b6fa11365	nlp	validate	3
jiegzhan/multi-class-text-classification-cnn-rnn	5db803b7c156655ead270cb9788148dc8c7f6afd	nlp	validate	4
google/seq2seq	7f485894d412e8d81ce0e07977831865e44309ce	nlp	validate	61
Kyubyong/tacotron	379bb7f54c3359ffe97d1f09a773bc6da49eba6f	audio	tune	7
hyperconnect/TC-ResNet	8ccbff3a45590247d8c54cc82129acb90eecf5c8	audio	tune	21
ARM-software/ML-KWS-for-MCU	8151349b110f4d1c194c085fcc5b3535bdf7ce4a	audio	tune	10
allanzelener/YAD2K	a42c760ef868bc115e596b56863dc25624d2e756	detection_segmentation	validate	7
thtrieu/darkflow	eb7e830393f24233032b8578737141528be01d65	detection_segmentation	tune	10
nicolov/segmentation_keras	4c88c4dd9ab20ace9fecd061925b9bf339272149	detection_segmentation	tune	4
DrSleep/tensorflow-deeplab-resnet	066023c033624e6c8154340e06e8fbad4f702bdf	detection_segmentation	tune	14
ykamikawa/tf-keras-SegNet	c69e4f1f85c626b919269d6748b67f7d9726e82f	detection_segmentation	tune	3
michalfaber/keras_Realtime_Multi-Person_Pose_Estimation	0f7f5dcd8f2887a9521826dfdcf9abe56997e56a	detection_segmentation	tune	8
hzy46/TensorFlow-Time-Series-Examples	92bb04eca2d6a174174690fc2598eb0f3417ff03	time_series	tune	6
guillaume-chevalier/seq2seq-signal-prediction	fd219daaafebff81c8193040a8c539826a39e26f	time_series	validate	2
taehoonlee/tensornets	c9b1d78f806892193efdebee2789a47fd148b984	model_zoo	validate	42
titu1994/Neural-Style-Transfer	d09334855211579ea1adb9ad04f09fc8a7573850	model_zoo	tune	12
osmr/imgclsmob	c1a844dde061f6d72f25011dc1af9a2e35b1bdfc	model_zoo	tune	206
tensorflow/adanet	0364cc46810ff3831b3e4a37125de862a28da9bd	framework_tests	validate	94
tensorflow/kfac	ddad6375bbdebfae809bccfd3a5c3db073128764	framework_tests	validate	49
tensorflow/graphics	ad932c3e609ba77c74a61bd83880e730aaab4eeb	framework_tests	validate	305
google-research/tf-slim	1287b1ef9a5b7e5f63ea09ed4995ee5d1bee2a09	framework_tests	tune	76
sjchoi86/Tensorflow-101	582cc1d946f0ecbce078e493b8ccb1d7b40684df	course_book	tune	37
golbin/TensorFlow-Tutorials	c8ac1e45ca27cccd228f316dd4f66afbc22f9016	course_book	validate	28
random-forests/tensorflow-workshop	31c7ca9f9248d00da37a13ded55eada4c493c463	course_book	tune	27
Vict0rSch/deep_learning	d85a40b3914d0849496a8a4884c48d3d98ca3b0f	course_book	tune	3
rasbt/deep-learning-book	d1c240cc2828db8f1539e308f04458bcf4f5c379	course_book	validate	3
pkmital/CADL	41e222d359f7a37b0b81c4216d011bf1fd1c42fb	course_book	tune	47
jdwittenauer/ipython-notebooks	44641e20d6c30c073cde849626a51248632d1381	course_book	tune	11
donnemartin/data-science-ipython-notebooks	5b3c00d462c6e9200315afe46d0093948621eb95	course_book	tune	35
neptune-ml/open-solution-toxic-comments	e01f8508d3b675220e6f95622ce0679b1b1ebf3b	kaggle	tune	6
sainathadapa/kaggle-freesound-audio-tagging	f2a05acdb995bb060a186023d76507311f9bf411	kaggle	validate	6
XifengGuo/CapsNet-Keras	2f6d47dd205c7d77fc3d43626feee4c45d3c6db4	research_custom_loop	tune	3
deepmind/dnc	d3d94b3b1f1efc282481910054f82047caf37f65	research_custom_loop	validate	10
openai/weightnorm	3503e68b84d27ac69f33e26517f2a5036153999c	research_custom_loop	tune	3
"""

REPOS_TSV_H = """\
repo	commit	kind	half	files_extracted
shaoanlu/faceswap-GAN	17219d082e1071963afb5ee13393a4bd79715b6c	gan	tune	30
NVlabs/stylegan2	bf0fe0baba9fc7039eae0cac575c1778be1ce3e3	gan	tune	21
tkarras/progressive_growing_of_gans	2504c3f3cb98ca58751610ad61fa1097313152bd	gan	tune	10
taki0112/SPADE-Tensorflow	4517824ea3e9428d5ab5413847ed2af9891b5830	gan	tune	4
taki0112/BigGAN-Tensorflow	d64d62ecd2b0761d08ff9d8c51241e963be06183	gan	validate	5
taki0112/Self-Attention-GAN-Tensorflow	6c073a4c8bf9898ab3ed9b470451f5630cd05373	gan	tune	3
hanzhanggit/StackGAN	5db79d099ef2c13e7a8f40d1e2cf9647bc956a1a	gan	validate	10
yenchenlin/pix2pix-tensorflow	ba40020706ad3a1fbefa1da7bc7a05b7b031fb9e	gan	tune	3
bojone/vae	69931f5380c62124c35821b2b7d4186b14654073	vae	tune	9
nicola-decao/s-vae-tf	b05e8e26602fa9fa8db8eb03169a57010d5561f4	vae	validate	5
EmilienDupont/vae-concrete	4a0e4f6eede49a978ab87aee15ce4abe6cf974ca	vae	tune	2
jaara/AI-blog	348628b105058d876001ca758b6ba59fb1726614	rl	tune	5
flyyufelix/VizDoom-Keras-RL	4fc27ce3d400eba5422d39e2fad565d0503a6149	rl	tune	8
openai/spinningup	038665d62d569055401d91856abb287263096178	rl	validate	29
araffin/rl-baselines-zoo	ff84f398a1fae65e18819490bb4e41a201322759	rl	validate	2
zhougr1993/DeepInterestNetwork	9765f96202f849e59ff260c8b46931a0ddf01d77	recommender	tune	12
mouna99/dien	1f314d16aa1700ee02777e6163fb8ca94e3d2810	recommender	validate	5
hwwang55/MKR	d6bb77c426960bc04f5d88c39f09d87a844776b4	recommender	tune	3
guoday/ctrNet-tool	b4747884ca59f93b184177052fedd82e7ae1945e	recommender	validate	8
Jhy1993/HAN	71bac29a07fb8fab908d50a806a7bc38aa6c6611	gnn	tune	6
Separius/BERT-keras	76bd737c593e7bd7660189a5dbe5547f9fa6168e	nlp	validate	10
philipperemy/keras-attention-mechanism	59dc8deae35e0b8eb58f7af54e981ed119ab68e3	nlp	tune	5
UKPLab/elmo-bilstm-cnn-crf	efd6ad7da86c39f82edb93f6e1f258374cabefd0	nlp	tune	5
kamalkraj/Named-Entity-Recognition-with-Bidirectional-LSTM-CNNs	199b65ff35e8ebbb4195fdbb576ea085ceb277f5	nlp	validate	3
richliao/textClassifier	f482476fcd1d8182b65a41ce6b882e0b27a3e64e	nlp	tune	3
yongzhuo/Keras-TextClassification	af802f1dc6962cab2c47f93c123f18f169bacf1a	nlp	validate	103
ematvey/tensorflow-seq2seq-tutorials	f767fd66d940d7852e164731cc774de1f6c35437	nlp	tune	4
openai/finetune-transformer-lm	a69b5c43b0452462890bca8ff92fb75dee9290cf	nlp	validate	3
andabi/deep-voice-conversion	983c275d669e8f6c935b08582063f8aaaecff48e	audio	tune	8
daisukelab/ml-sound-classifier	fdee30de02d33948a301e3d56b2b890f04810158	audio	validate	11
robmsmt/KerasDeepSpeech	553638821c996cb6049e34185babacdb8f00c215	audio	validate	12
jsalbert/Music-Genre-Classification-with-Deep-Learning	d3b6e4f36420f4f7691e28c268ba6c1efdeceafd	audio	tune	4
harvitronix/five-video-classification-methods	6c610cd179c6f44ddbd53fb5ac16f6fd71c58ab0	audio	tune	9
pannous/tensorflow-speech-recognition	629436b0bd16be29f777f99542919312bb94694b	audio	tune	16
Ma-Dan/keras-yolo4	27744e028bc3cd75711b6ee997d86c1eccc95c51	detection_segmentation	validate	7
see--/keras-centernet	495bca669e46fc68fa31f00ed33a398188562425	detection_segmentation	validate	11
bubbliiiing/faster-rcnn-tf2	66c710c79572ecb2a112cc3f5b9847e32cf26fba	detection_segmentation	validate	17
bubbliiiing/deeplabv3-plus-tf2	04d13b00818e28cc2dae127a3db62501889328d8	detection_segmentation	tune	12
bubbliiiing/classification-tf2	112c1f8aac02830070ffa62f743c114cbf0d3608	model_zoo	validate	12
nabsabraham/focal-tversky-unet	347d39117c24540400dfe80d106d2fb06d2b99e1	medical	validate	4
brucechou1983/CheXNet-Keras	b80afc83a3b3550fae3d7acc27b4cfa75272517a	medical	validate	6
mateuszbuda/brain-segmentation	d806487ea438d0d64641aae4a263121adaf288f5	medical	tune	6
juliandewit/kaggle_ndsb2017	5a58e8c5b08d7f892164785e3b13b6f22903c32c	kaggle	validate	3
dhammack/DSB2017	5f924675392ddf4852807b3044f64ecebe41ff98	kaggle	validate	29
petrosgk/Kaggle-Carvana-Image-Masking-Challenge	a4150d2d68b73ea5682334b976707a5e21fa043e	kaggle	validate	5
ternaus/kaggle_dstl_submission	7de6ebad72d0fa3b0756ce67f9d7b5ea3e60b33a	kaggle	tune	12
alno/kaggle-allstate-claims-severity	68abacb50ba856e0c36103dd3be9e1f80565b7f9	kaggle	tune	2
ybabakhin/kaggle_salt_bes_phalanx	2f81d4dd8d50a01579e5f7650259dde92c5c3b8d	kaggle	validate	32
fbadine/LSTNet	7fcf07239e9071edbea381e3d9564dde2fa0a8e6	time_series	validate	2
lilianweng/stock-rnn	56d16c557fb8de6aa20125a2ab8a7946179eb58a	time_series	validate	5
Rachnog/Deep-Trading	0578698863be3d10fb6d116ed0104eee9d40a9f9	time_series	tune	14
yaringal/BayesianRNN	3e65a11dfd1deec365d1b59246ac5299f0125376	bayesian	tune	7
OATML/bdl-benchmarks	cf3c71e026e05a7557e0a84aa56d91cb378e3e6b	bayesian	validate	16
asharakeh/bayes-od-rc	3f478e5c9a593ee03d7b63d533d46d87d739fc26	bayesian	tune	16
dipanjanS/hands-on-transfer-learning-with-python	f6c5f6b4c2d0b5f14252f1ce9c7d4c74652b8ac6	course_book	tune	23
easy-tensorflow/easy-tensorflow	4413f921ef7e1ec8de6b860c2d0208ace0f868d7	course_book	validate	47
astorfi/TensorFlow-World	70d92f6cbee2d8ad911b84d370dffc1bf90bfa6b	course_book	tune	26
GoogleCloudPlatform/asl-ml-immersion	238875ef017c0f4981861226dc75a1e5761b72da	course_book	validate	85
titu1994/Keras-Classification-Models	8a2a0073428fedbff7c03c5ec4e41302510d3839	model_zoo	tune	3
titu1994/keras-non-local-nets	78bec857f71a1832d4682791dbaa3b0ad34cfc55	model_zoo	validate	3
titu1994/keras-one-cycle	06c202996d71491e624ddef53a57858152e93564	model_zoo	tune	12
AakashKumarNain/TF_JAX_tutorials	ed6f75985f2f3a9e6651b30d6bd3673cc85a0578	research_custom_loop	tune	3
tensorflow/benchmarks	8fb79079265933ad39bea628b777af662f5bf15d	framework_tests	tune	54
tensorflow/compression	dda8cb4c4364e657d13491227e886ff8014f7243	framework_tests	tune	74
PacktPublishing/Hands-On-Neural-Networks-with-Keras	c08fd4d614f532325946539f9f04b603519f8bec	course_book	validate	15
PacktPublishing/Generative-Adversarial-Networks-Cookbook	3d0a3cddc24d193614931b36402172dafd14b6ac	gan	tune	27
PacktPublishing/Python-Deep-Learning-Projects	1dbe73597f9a1a519ca6e9dd387ee59897ceda6e	course_book	validate	55
PacktPublishing/Neural-Network-Projects-with-Python	83fb056562808425329174e5ffbbc12954fecc92	course_book	tune	16
PacktPublishing/Keras-Reinforcement-Learning-Projects	ee2ea5af7494cb78dc9f67770fc61938e293682f	rl	tune	5
GauravBh1010tt/DeepLearn	f35f15b9ee79e8e5f5cffbe2fe0b93a834c44846	nlp	tune	26
dennybritz/chatbot-retrieval	aac42717f156665e3b8341f20514254733ad3eb4	nlp	validate	10
JayParks/tf-seq2seq	e55d88ec21090c127d24da16b9e2b6b9aa894821	nlp	validate	5
raghakot/keras-text	b74247a01d6891033468d38fb0e929a6377619ff	nlp	tune	12
Tony607/keras_mixup_generator	a510b3f7f909055b64a308bb8e94dc9e0d66e29c	model_zoo	validate	3
deepfakes/faceswap	acdcfa8796c26d47e3610efeae102c9d87b2ad89	gan	validate	44
tokb23/dqn	23f410d366facf066ede9dbb4d940a9fdb83fd81	rl	validate	2
vasudevgupta7/gsoc-wav2vec2	3d023d39f36a63c2e5b6fdb85219dcd3f6f35e76	audio	validate	19
sayakpaul/TF-2.0-Hacks	3ec76db4a1a0a666f037863e8e2539dce15b1162	research_custom_loop	validate	46
sayakpaul/cait-tf	5eb2ed990ea0219f4125cc16ebdce82a3b8422d8	model_zoo	tune	12
sayakpaul/PAWS-TF	a8e76fcf4417ddc87f0de3eb2a37092229132fb3	research_custom_loop	tune	14
ariG23498/G-SimCLR	bd77e7f07e780ca4a9d2b67e2dbfc33a7894940f	research_custom_loop	validate	20
rishizek/tensorflow-deeplab-v3-plus	f6b416be519bf481f20d2458614a4d33737da37e	detection_segmentation	validate	9
leondgarse/Keras_insightface	520a9da966562c650348256f0473add79ded40e7	model_zoo	tune	19
peteryuX/esrgan-tf2	90e8eeced35a677aa80851f185e1227a71fad1ac	gan	tune	10
peteryuX/pcdarts-tf2	4ecf2224cd414586d988c2d3d4316af0d518e8e8	research_custom_loop	validate	10
jkjung-avt/keras_imagenet	62834b16a2ca2d3c46c63bcf9c60e59bfb8f2c55	model_zoo	tune	17
emadboctorx/yolov3-keras-tf2	0bb3c745d64956b6acfa49b4a5a6089955a5b0fe	detection_segmentation	tune	8
zurutech/gans-from-theory-to-production	a086c83522ed717cb4a71ec166d7091fb039f8d7	gan	tune	5
abhisheksuran/Reinforcement_Learning	12c9544ea0c9386fd7b9d20f7c35c6fa95462ba1	rl	validate	19
jw1401/PPO-Tensorflow-2.0	fa34ece2f73e464436d2def9f9fa55fc97788018	rl	validate	14
lvapeab/nmt-keras	865613dd5d23eb87674b602e690f1df9d61cfee8	nlp	validate	40
google-research/bigbird	5e7d375950f9b001e13f1bbafb814c2956ed80af	nlp	tune	15
Conchylicultor/DeepQA	886ec77ac49ff70be1b6d4de30fffe6a96480a4f	nlp	validate	2
mimbres/neural-audio-fp	b724e512b7415699e3d942c2d2dbf8ca1a057a37	audio	tune	19
IntelAI/unet	3c31ae1fa991be0d354db3f57bdd36dd54868eb0	medical	validate	23
ZFTurbo/classification_models_3D	9e26286c7dd5fdab217b57897071b60a23210f3f	medical	validate	29
google-research/robustness_metrics	93ac2c25e85d738471b22c71635bf17e48117b9c	bayesian	validate	37
google-research/rigl	d39fc7d46505cb3196cb1edeb32ed0b6dd44c0f9	research_custom_loop	validate	51
google-research/planet	c04226b6db136f5269625378cd6a0aa875a92842	rl	tune	46
google-research/batch_rl	6f7f4d55af077b7f27648d8b970cf1558c3e791d	rl	tune	18
google-research/tensor2robot	034f49c435168151930c6a07abea48b0df58b74b	rl	validate	116
suriyadeepan/practical_seq2seq	eb2e44b77b0b4af52c8d1b6d41e19919873a7f4f	nlp	validate	6
zhedongzheng/tensorflow-nlp	074d9ebdd452377d916745f3b71f85b488e9a98f	nlp	tune	170
jonbruner/generative-adversarial-networks	2e792d92b823f5a2c9c8095420869a539aa0819c	gan	validate	3
ChengBinJin/V-GAN-tensorflow	00882dc6bda914c3acbd4b1b1c7c22be83a72bed	medical	tune	4
"""

REPOS_TSV_I = """\
repo	commit	kind	half	files_extracted
farizrahman4u/recurrentshop	bd3a7e278416336d7cf1806f988054b3c8c5615b	nlp	tune	16
farizrahman4u/qlearning4k	8d7e54e97c00e0e066567adf8246e94e125b35ae	rl	validate	3
broadinstitute/keras-resnet	898a1ee417e940ff12bf73ad44c2aae88501771f	model_zoo	tune	23
tdeboissiere/DeepLearningImplementations	5c4094880fc6992cca2d6e336463b2525026f6e2	gan	validate	76
rlcode/reinforcement-learning-kr	c336961d9d67ec9d53694a30c6e28f92f51ea947	rl	tune	8
chen0040/keras-anomaly-detection	4025365096493464c64ffb0227efcb7ff8fe4229	time_series	validate	11
chen0040/keras-video-classifier	062e5cd4f730de347a4d835d56da1909b859c974	audio	validate	15
autonomio/talos	9cbbc42a69396aaeaf25d68af51d52e6a575e3d9	framework_tests	validate	35
kwotsin/TensorFlow-ENet	d7e555e53c8f38a5f3d54906848110f6a3e6e98a	detection_segmentation	validate	5
titu1994/Image-Super-Resolution	dd5149b4632f35a4148a97c3aa77c6fa79d9d2d9	gan	validate	5
titu1994/neural-architecture-search	d5f5c9d624026263796984c9b71e4ec6443b61b4	research_custom_loop	validate	5
nyoki-mtl/keras-facenet	2a571cfa9033f32543ade2394d3d267e55c2926b	detection_segmentation	tune	6
CyberZHG/keras-transformer	3edee5a22027298dd7e4c5b3b52c31d07ca490fb	nlp	tune	10
kimiyoung/transformer-xl	44781ed21dbaec88b280f74d9ae2877f52b492a5	nlp	tune	9
openai/improved-gan	4f5d1ec5c16a7eceb206f42bfc652693601e1d5c	gan	tune	11
vanhuyz/CycleGAN-TensorFlow	befe2f57032ee6c25d0dbd1f497f5b5432375da5	gan	tune	10
sjvasquez/web-traffic-forecasting	6cb4a91da94b85857ed637afb53a8d9594f7623c	kaggle	validate	6
PacktPublishing/Hands-On-Generative-Adversarial-Networks-with-Keras	7fb3251ccd34ce76ad07d6667732eb183aebb333	gan	validate	32
davidADSP/Generative_Deep_Learning_2nd_Edition	9b1048dbe0d698b486ed16d529cf16fcd3aea29d	gan	validate	18
neptune-ml/open-solution-home-credit	ce96607e5a5f0947eb172cb85902fad512c7b3a3	kaggle	validate	2
neptune-ml/open-solution-mapping-challenge	2f1f5f17bb9dfb5ba8dfc3c312533479997bd4c9	kaggle	tune	6
bubbliiiing/yolov4-keras	509d7320ac02dd868112ff8ad815a46662eb9911	detection_segmentation	validate	10
bubbliiiing/unet-keras	23f90e2079b2d70b8d72d40b8533f9c575eed9e9	detection_segmentation	validate	10
bubbliiiing/efficientdet-keras	16a5139bad0ebdbff704c00b942d19238db1ead3	detection_segmentation	validate	9
bubbliiiing/facenet-keras	9b4dafd31f5287c03f7da13cdc4fc0916c0ffe1e	detection_segmentation	validate	9
bubbliiiing/yolox-tf2	afaf82e961b554cc8611ca6e4dbc2a185b02b8e9	detection_segmentation	validate	12
idealo/image-super-resolution	3f6498cf1ac4dba162a52c5861aa9d90b7c2fe35	gan	tune	12
idealo/image-quality-assessment	dceaf7c2d218bc6e80b21d6e147e3b56a21b7f31	model_zoo	validate	8
thushv89/manning_tf2_in_action	0e8080fe7eaae90f3afe73bde3822b2a68dc90f5	course_book	tune	18
Skuldur/Classical-Piano-Composer	15724e2600ff0a1d53afcdfb0565a095c74cf369	audio	validate	2
keras-team/autokeras	6deb82792885fed128b7b95eb8aa859c027273a8	framework_tests	validate	115
aimat-lab/gcnn_keras	ab2a914301e2ff3fe2d231153e4f8b785fc9996a	gnn	tune	157
IMvision12/KerasFormers	e61c8f8adad9da1e3072dec72a096d336260dc0b	model_zoo	tune	735
IMvision12/keras-vision-models	5089754470f925417ac22d91599bf396de8cb3b4	model_zoo	tune	252
JS0909/Keras-ML	11ee95e8e7a7cb3d2e1486438bc981518847a256	course_book	validate	463
pronobis/libspn-keras	bdc8e1dcfdf1616aef12c1a729a2adf66528a7c0	research_custom_loop	validate	71
KristianHolsheimer/keras-gym	0296ddcc8685e1ce732c3173caaa0fd25af9ef58	rl	validate	51
CannyLab/rinokeras	c570ba8704c6d79934246732940186c1e007294c	model_zoo	tune	122
luozhouyang/transformers-keras	58b87d5feb5632e3830c2d3b27873df6ae6be4b3	nlp	validate	35
broadinstitute/keras-rcnn	38be145284ddb5c5229d57267b39b99afbb47f67	detection_segmentation	validate	43
garethjns/reinforcement-learning-keras	8fd4b334400ff6061d9c67c6df441cf0812c9748	rl	validate	21
GoogleCloudPlatform/keras-idiomatic-programmer	760e4a86892c5684907dc66aa96ebc3b0897f608	course_book	validate	107
iwasakishuto/Kerasy	b721563cb7053c5ce3dd26748e8ea9e6652dc06a	course_book	tune	65
Trevol/pins_n_solder_keras-retinanet	0d00636b040d9b98a575d7f35556d1018fc82ed9	detection_segmentation	tune	7
DJSull93/keras_new	8847c0336bb2b6cdd7a1c03eced2c7548e8993fd	course_book	tune	239
KreutzM/owli-detector-train-keras	a11b220e19716d8b56e7aa7a1185402f418a6664	detection_segmentation	tune	22
variablejun/keras4	0eb29fa32ebf88ed410fced8a8acaf37be50360f	course_book	tune	250
Socret360/object-detection-in-keras	0b582a46f41623a1e1166c1e2b050f55788c3003	detection_segmentation	tune	34
hezhenjun123/keras_algoritm_factory	9f10db6d88228476f6ee3753117f20a5110e6c8a	model_zoo	validate	40
oarriaga/SSD-keras	7b490ed12683ff6df408172b7ed3917db93f6413	detection_segmentation	validate	19
X-rayLaser/keras-auto-hwr	67cfc0209045b1e211f0491b0199cb9d6811bfd0	nlp	validate	9
chansoopark98/Tensorflow-Keras-Object-Detection	6fe680276d49a0c05c1b7a72202ed0e6b340e527	detection_segmentation	validate	49
SEONGMIN-96/KERAS_STUDY	8400df71ffe662cf4509c5c27963b44f602a34d1	course_book	validate	286
few-shot-learning/Keras-FewShotLearning	0f176f86404e2d3f7b7d43b3efd2a4b7287e7608	research_custom_loop	validate	53
UnicoLab/keras-model-registry	0c44b0e17705599e2cce3b78b6b41c0f5623a02d	model_zoo	tune	195
hirofumi0810/tensorflow_end2end_speech_recognition	65b9728089d5e92b25b92384a67419d970399a64	audio	validate	96
mrphys/tensorflow-mri	7bda285979c5cdfe5d8a10a1acfe0930c0dfa1bd	medical	validate	120
PurdueDualityLab/TensorFlowModels	959a2082cc45b8332f2d10b2102713ee971a237b	detection_segmentation	validate	1350
TheUnsolvedDev/TensorflowAI	7b2dec1f2b9894a2ab3c398920d15e2fe1521dfe	course_book	tune	130
jcisarano/tensorflow_practice	c418185e7cfbb15acc923032e803d31903b89c27	course_book	validate	101
Freshield/LEARN_TENSORFLOW	87be0362d24b748c841e5c9e185d2061ffae9272	course_book	validate	243
dwg920302/study_tensorflow	0075c87484766fa37949e411266d90b7933b45f7	course_book	validate	283
fengjiran/tensorflow_learning	44dce5bb39c8d6421ea6181338b0ea4b0e5e9797	course_book	tune	219
bioidiap/bob.learn.tensorflow	dc4c398186601bdf8307f68c398c2269c798f1d0	framework_tests	validate	45
giladcohen/tensorflow_TB	f704143cd4043a54fec80ff5c0e18a09c7216125	research_custom_loop	validate	130
rahul765/tensorflow-language-classification	a67fe399585123ec40bbbed82a81fa873b69ec5c	nlp	validate	72
dalloliogm/kaggle_competitions	2d8bc98faad53473dfa169150fbcaa67b906570d	kaggle	validate	46
Boltuzamaki/Kaggle-Competitions	18b52894605570a20598d870941c46fd279efe39	kaggle	tune	6
Sharzzz001/Machine-Learning-Applications-and-Kaggle-Competitions	200a425815e63f92e469813e7092fb60639531fd	kaggle	validate	25
oislen/Kaggle	35b1704506a6c30d8bfda170e6140696887ffd4a	kaggle	tune	18
simisimon/kaggle-notebooks	43885814f652fac0d9e6ce265c26f88c58af4c5b	kaggle	validate	201
aws-samples/deep-learning-models	0a852badc1004b9ae32a3a1c44bdec1ff9604329	model_zoo	validate	82
kickscar/deep-learning-practices	d9ea5adb84ef69514cb682f0106d5eba376a43b0	course_book	validate	14
chenrudan/deep-learning	4f3363acffadb7ed5c4a6b2d2454ef76003e5fe9	course_book	validate	3
LambdaColdStorage/lambda-deep-learning-demo	ebbbd63c0abf87a1a4155b17cef145039b7a1ef7	model_zoo	validate	80
abhishek2024/Chatbot-Deep-Learning	8726173c92994b3f789790b5879052d2f7953f47	nlp	tune	45
tirthajyoti/Deep-learning-with-Python	80f337d1584fb123f1a8f7dce0ad190f1a08ce14	course_book	tune	18
PacktPublishing/Deep-Learning-Quick-Reference	fb7913e8f818a2d968455184eab11a4ea0fb7223	course_book	validate	29
PacktPublishing/Python-Deep-Learning-Second-Edition	a44db1a21d101009dd610ad3adafba475a648f0e	course_book	tune	12
PacktPublishing/Hands-On-Neural-Networks-with-TensorFlow-2.0	1427cd8814245d1621411f58f27168cc649d1b70	course_book	validate	32
PacktPublishing/Advanced-Natural-Language-Processing-with-TensorFlow-2	aca9a2f83ad0f8f6a590199c2b821cc276461cf6	nlp	validate	13
PacktPublishing/Machine-Learning-Using-TensorFlow-Cookbook	33bb8a32e2a7f355509cbc4bf27b06206d99eaf8	course_book	tune	39
omerbsezer/LSTM_RNN_Tutorials_with_Demo	72975a4d872b7a9c9643b2c453378d2625bba41e	time_series	tune	5
xiaochus/MobileNetV3	2294bb7df353ce57cde256b940ca3e97e5ed2baf	model_zoo	validate	6
xiaochus/MobileNetV2	2700f7f657e6d25071654fbb10e63ca6b8a47e55	model_zoo	tune	3
kobiso/CBAM-keras	796ae9ea31253d87f46ac4908e94ad5d799fbdd5	model_zoo	tune	17
uzh-rpg/rpg_public_dronet	ac19c54bd6ac5a8fd1d220405ecf6f51af55d1f4	model_zoo	validate	7
hellochick/ICNet-tensorflow	90a85c4e8b2da241128f6ddc0938ab5c4336a309	detection_segmentation	tune	7
hellochick/PSPNet-tensorflow	89d4de687858479694a887b0aef4832971b56188	detection_segmentation	tune	7
Vooban/Hyperopt-Keras-CNN-CIFAR-100	7d619308f49e1703ccae9458e390255a8eef57b3	model_zoo	validate	4
gaussic/text-classification-cnn-rnn	90dd55cccacac663e87445ed356bf59307864168	nlp	tune	6
Determined22/zh-NER-TF	e4a8732de88071dac5d1fce8da18de98365389fa	nlp	tune	2
guillaumegenthial/tf_ner	e9bca45c7a3d73e1b7ee5ce12ff4f33e4598f9d9	nlp	validate	26
macanv/BERT-BiLSTM-CRF-NER	ccf3f093f0ac803e435cb8e8598fdddc2ba1105d	nlp	validate	23
kyzhouhzau/BERT-NER	0f77e478872453df51cd3c65d1a39b12d9617f9d	nlp	tune	4
tensorlayer/tensorlayer	39c3159c1022568aaa9cc76c11d2634cd81670ed	framework_tests	validate	198
tensorlayer/srgan	05b8118a301f12033d7427fac7db1b8e569c3c42	gan	tune	2
brade31919/SRGAN-tensorflow	7f7ec0f929feb64a111221dc992f740cd48e11eb	gan	validate	4
david-gpu/srez	d65a2aabdb04122be95e61c8aa420036cd6336d6	gan	tune	5
RuiShu/vae-clustering	14525a9c8cad73b0f9df8ee638b8231253798b1f	vae	tune	10
pathak22/noreward-rl	3e220c2177fc253916f12d980957fc40579d577a	rl	validate	5
sudharsan13296/Hands-On-Reinforcement-Learning-With-Python	5440811df8da575eb41b131f897ddd8a7ce40d5f	rl	validate	28
sudharsan13296/Deep-Reinforcement-Learning-With-Python	c2a179457f960f166b8c3395e056827d6d0120e5	rl	tune	31
sudharsan13296/Hands-On-Deep-Learning-Algorithms-with-Python	59efa4d874288f34b07807b848e4dbff34ff8aee	course_book	validate	22
tlatkowski/multihead-siamese-nets	6bccdb8c3fe61c0d53c8fe8dd19f0801089dde79	nlp	tune	20
calmisential/YOLOv3_TensorFlow2	78673e81871cfc7311c97ea5854c8eed82d91772	detection_segmentation	tune	13
calmisential/EfficientDet_TensorFlow2	af126ebc9d20cdbc84974e265b9a211ec2249ba5	detection_segmentation	tune	10
DebeshJha/ResUNetPlusPlus	f07b9061530e49d093fce532fc57cd5a7dfc34fc	medical	tune	7
DebeshJha/2020-CBMS-DoubleU-Net	d05ff47cc4741a94a2cfcf7c1f84f25aaeb87386	medical	validate	5
experiencor/basic-yolo-keras	8bc3fcdc123a5d6b9624ed4188e07b876b79dac5	detection_segmentation	validate	7
chen0040/keras-english-resume-parser-and-analyzer	900f4a5afab53e1ae80b90ffecff964d8347c9c4	nlp	tune	39
chen0040/keras-sentiment-analysis-web-api	3f44b448ab1394c7a8f3eaa09291304e880d78e0	nlp	tune	29
chen0040/keras-face	f5971cdb1ff527e33991b2ba74ae0da8541b86fa	detection_segmentation	validate	9
titu1994/keras-coordconv	6dfb03919bcddce545672a0cc10107322ca04fa9	model_zoo	tune	5
CyberZHG/keras-gpt-2	b304055a8a3be1735dc0f6668eeed5ca8abd9bdf	nlp	validate	8
"""

REPOS_TSV_J = """\
repo	commit	kind	half	files_extracted	decl_files
AlexYangLi/TextClassification	b790f6229aa52fc849c07300031c797dcf5ed75c	nlp	tune	15	0
ConnorJL/GPT2	936fe2a21fad221cb07d0157c00fbb0780c7d114	nlp	tune	12	0
Currie32/Chatbot-from-Movie-Dialogue	702df55ff6e2dbe4c7c1771ec25cdf44893df159	nlp	tune	2	0
Currie32/Text-Summarization-with-Amazon-Reviews	55f42cbaba50316299290df189ae6160f6f16223	nlp	tune	2	0
CyberZHG/keras-multi-head	7175503ff350ba451e07558634bbd79255560c0c	nlp	tune	7	3
CyberZHG/keras-radam	e80f88d37045c621fc0f044572eef15dd54ce792	framework_tests	tune	3	3
DeepTrackAI/DeepTrack2	fdeb3e8e0c14f85cd7e82c4b9906d29facba1984	medical	validate	14	3
JihongJu/keras-fcn	f153ba7c5335dab68f897c9c9fa40e6a77c8d31b	detection_segmentation	validate	22	2
JudasDie/deeplearning.ai	8c484dd9deb9aa3d858bbd7405b42eef460cdf56	course_book	tune	24	0
LiamConnell/deep-algotrading	3c13a82910ca35c58d196d99921f2abcb8d0047e	time_series	tune	20	0
LynnHo/AttGAN-Tensorflow	f1231fcc581133c9a7d8451e26a8bcd293fe03d5	gan	tune	21	0
LynnHo/EigenGAN-Tensorflow	fc3e1a23b84661512ab9a753329fdadb0c96b536	gan	tune	22	0
LynnHo/VAE-Tensorflow	c204a9438a0e7e046ad6cc7257942528accbbe60	vae	validate	14	0
PacktPublishing/Machine-Learning-for-Algorithmic-Trading-Second-Edition	2fe1120c9c71658b00a2e620f11836b8c4ecdf97	time_series	tune	28	0
PacktPublishing/TensorFlow-Machine-Learning-Cookbook-Second-Edition	bc2c71e28a763883b645f3c34b1916295969af28	course_book	tune	120	0
SullyChen/Autopilot-TensorFlow	33b9e5f91a1c25fbe5cf5644b01f4d9d9a48193e	research_custom_loop	tune	4	0
ZFTurbo/Kaggle-Planet-Understanding-the-Amazon-from-Space	af653700a627c9af1c07d2f379bc9dacd88034e0	kaggle	tune	21	0
ZFTurbo/Keras-RetinaNet-for-Open-Images-Challenge-2018	af744232e13aef039b01c929cadbe5f3a03d9487	detection_segmentation	tune	9	1
ZFTurbo/ZF_UNET_224_Pretrained_Model	cda3edcffb94cbfa0bdc8b778618ca9b0bd03a41	detection_segmentation	validate	2	0
Zardinality/WGAN-tensorflow	e7029739904e61ed6fcd22e54cf37cc2c4a7ae26	gan	validate	3	0
ahmetozlu/tensorflow_object_counting_api	630a1471a1aa19e582d09898f569c5eea031a21d	detection_segmentation	tune	29	4
albermax/innvestigate	10e4fc4eb51938630601acaa2f546dba97db7bfd	framework_tests	tune	49	1
anishathalye/neural-style	d0a114879c1c69086e5f812f3432be634e29db5e	gan	tune	2	1
awjuliani/oreilly-rl-tutorial	bd2d972d4a85cd8bc7524fd7a9270d15fb714868	rl	tune	7	1
beresandras/image-augmentation-layers-keras	baff828a870f80113f447bebe650775d73580e6e	model_zoo	tune	3	0
bubbliiiing/Siamese-keras	07504ad0d6fea402564b7abdce409b7284115b2b	detection_segmentation	validate	6	1
bubbliiiing/classification-keras	3181d372fc11063d69eae51e080910ee97e3cbd3	model_zoo	validate	9	1
bubbliiiing/dcgan-keras	b1c1309d33d4895b710de668e9220bd892d5c69e	gan	tune	4	1
bubbliiiing/faster-rcnn-keras	cfbe45b5b9b667c80d8a84072a3b98d3157fa269	detection_segmentation	validate	16	1
bubbliiiing/yolov7-keras	278c99624a901487f072d0d8644127fd5914d527	detection_segmentation	tune	9	1
bubbliiiing/srgan-keras	201bfe397617b9ac35461418195d389ae07a06c8	gan	validate	5	1
buriburisuri/sugartensor	d2c039954777c7fbe3eb0c2ae40c45c9854deb40	framework_tests	validate	7	2
carpedm20/MemN2N-tensorflow	f8f4da4ca1b3a4afa764748a6907e79ab2be1ffd	nlp	validate	2	0
carpedm20/NTM-tensorflow	5376c35e8800157b08af44ddec1cb870d2ef3c83	research_custom_loop	tune	8	0
carpedm20/lstm-char-cnn-tensorflow	a1950edb374c68d7e0f1c20e6d0ac1aa6e01ecf2	nlp	tune	5	0
carpedm20/multi-speaker-tacotron-tensorflow	becbd0ab80dbefe64a8fdea4a19856924dd31504	audio	validate	11	1
carpedm20/pixel-rnn-tensorflow	1d98c28c62ed9c9584a342b63e4612dd9e5ae688	vae	tune	6	0
carpedm20/simulated-unsupervised-tensorflow	eafa49f0a98641c99b66c8eafbac48314363ae0f	gan	tune	5	0
carpedm20/visual-analogy-tensorflow	25829caf483b41c577f07386cd425819298f16a9	research_custom_loop	tune	5	0
commaai/research	1a437a954d0203da67dab4413ded3beb05bc6066	research_custom_loop	tune	9	0
danijar/dreamer	56d4d444dfd0582b0e79dab80aebbea74c0ce40d	rl	tune	3	0
danijar/dreamerv2	07d906e9c4322c6fc2cd6ed23e247ccd6b7c8c41	rl	validate	9	1
garder14/simclr-tensorflow2	b20fd1a97580f41bda7dafb1654ac4ae8f8ec62f	research_custom_loop	tune	6	0
google-research/disentanglement_lib	86a644d4ed35c771560dc3360756363d35477357	vae	validate	47	1
google-research/dreamer	d517542f9777c53864ff6f2683cea88be9ea98ac	rl	validate	46	1
google-research/football	3d9e754720a95621bba6475c4d3b0d56fe919014	rl	tune	4	2
google-research/morph-net	d9286a154602d9ee2019e986d161cb5b30c8fa2f	framework_tests	validate	87	3
google-research/recsim	55e50e4be736d222ffe8c2477ed1981b40f91605	recommender	tune	20	1
google-research/sam	dae9904c4cf3a57a304f7b04cecffe371679c702	research_custom_loop	tune	13	1
google-research/tensorflow_constrained_optimization	723d63f8567aaa988c4ce4761152beee2b462e1d	framework_tests	tune	56	1
google-research/vision_transformer	c6de1e5378c9831a8477feb30994971bdc409e46	model_zoo	validate	14	3
hardmaru/WorldModelsExperiments	fd982b9691a941b52c6addbde29bc801ca6202c8	rl	validate	12	0
hardmaru/sketch-rnn	862bb94a15d48f0c42af71a9ede1681a0a2d2602	vae	validate	3	3
hardmaru/write-rnn-tensorflow	c9423a1adf1eaa65297e16f7a1a555ffb777d8c5	nlp	tune	4	0
https-deeplearning-ai/GANs-Public	52d6b16bbe71f68d841c914a25a3351a6a12bed3	course_book	tune	3	0
imcaspar/gpt2-ml	f6286b16cbbee6dddbe1ba557fffb47eaf998cd1	nlp	tune	9	2
jacobgil/keras-cam	2b7ada2c5c819808a174444e82622315a07fa11e	detection_segmentation	tune	3	0
jaromiru/AI-blog	348628b105058d876001ca758b6ba59fb1726614	rl	validate	5	0
jiamings/wgan	ecc04ba2d32b43cd8c5f34be2ed3d437d72e001c	gan	tune	7	0
jisungk/deepjazz	9c3b11245db196311b9f0176e984a38725a7113a	audio	tune	2	0
kvfrans/variational-autoencoder	e6c94c6d4cee06b22c710923c3a8bbed84b88794	vae	tune	3	0
lengstrom/fast-style-transfer	0d3d981f7ab948253d355585bdbdfa914247b4d0	gan	validate	4	0
llSourcell/How_to_make_a_text_summarizer	ba8404c0fc2bfffe26cf55c27aebab9b7c18a873	course_book	tune	3	0
llSourcell/tensorflow_chatbot	0ab31017249fe5ef32e0b9027bb5b3196bd47a60	nlp	validate	4	1
maxpumperla/deep_learning_and_the_game_of_go	c70cfe4a03dd2365dcb4295236755cca7a7178b7	rl	tune	49	2
minimaxir/gpt-2-simple	91d11ed857978ec0496c2eb264f633cdf05c7e16	nlp	tune	6	2
mwdhont/SimCLRv1-keras-tensorflow	84714879af1ae913239408b88d76302a08bf57c4	research_custom_loop	tune	10	1
naokishibuya/car-behavioral-cloning	edf20618fddb975c953f06b0549cba8716e27999	app	validate	2	1
neptune-ai/open-solution-mapping-challenge	2f1f5f17bb9dfb5ba8dfc3c312533479997bd4c9	kaggle	validate	6	1
nibtehaz/MultiResUNet	5318aaff3360845808cd9ab2a970f656b6444b70	medical	validate	7	0
nicknochnack/LipNet	e5377b4025f51a7cc30bc50cb025aeca7663a14e	audio	validate	4	0
nikhilroxtomar/Brain-Tumor-Segmentation-in-TensorFlow-2.0	d6e92a3ca6535a8a2de843c89a61d8e6b8d7abd5	medical	tune	4	0
nikhilroxtomar/Human-Image-Segmentation-with-DeepLabV3Plus-in-TensorFlow	a67022b652f7fa1e24e37044c133a54f49d87ed8	detection_segmentation	validate	5	0
nikhilroxtomar/Multiclass-Segmentation-in-Unet	61d073e49bc05f462049a5f4b0d753d6b881f992	medical	validate	4	0
nshepperd/gpt-2	b7cda3f48dd8543bc53d0dd6dee69b5cb386fb21	nlp	validate	9	1
openai/evolution-strategies-starter	951f19986921135739633fb23e55b2075f66c2e6	rl	tune	5	0
rolczynski/Automatic-Speech-Recognition	ee06aba33ba9a3f431bc1d2a5bfa74d929406caa	audio	validate	16	2
sayakpaul/Adventures-in-TensorFlow-Lite	89ad9e90471d04db29046fbd9461b7214d968166	app	validate	13	0
sayakpaul/Denoised-Smoothing-TF	14ca4dc5305b6851b24f8f3277aa89c5e20cac86	research_custom_loop	tune	6	0
sayakpaul/Generalized-ODIN-TF	561938570cf96985c8ece40a1d547c693a00e033	research_custom_loop	validate	7	0
sayakpaul/robustness-vit	b90ba6b7a365ee9a30b583211f6681d33e9fddf0	model_zoo	validate	17	4
soumik12345/Pix2Pix	55d5437dce7890114d59595dbd79c2028003c054	gan	tune	6	0
soumik12345/point-cloud-segmentation	ee57007d981f2f7fcf208dee5a6bbefe311022f8	detection_segmentation	validate	16	1
stanfordnlp/mac-network	118d9b6a5a93348af8275ba9245228eb1a25f1cc	research_custom_loop	tune	6	1
taki0112/StyleGAN-Tensorflow	0007c589698ec1fa021ee89467a3c04e85aa3623	gan	validate	3	1
taki0112/Tensorflow-Cookbook	580e5fc26e8f24023d1da6d095452fb6d5a121c7	course_book	validate	2	0
tensorchiefs/dl_course_2018	e7ec0943e605de82760f9e6ee45aab42f2ddd2ae	course_book	tune	41	1
tensorchiefs/dl_keras3	fafbac8614c7627c3c3d505887c4ec6d877eb8e9	course_book	validate	17	0
xhujoy/CycleGAN-tensorflow	bd19873a2eca15383ab70786ec0beadcd6e00c7f	gan	validate	4	1
zhaoyingjun/chatbot	91a752a357d126ea627d4db8d0046224bd5fdd51	nlp	tune	9	0
ghif/diffusion-keras3	33bb9be375ec71128307e7895fdc0febd1a21bf9	diffusion	tune	9	1
ghif/vit-keras3	ed8cc47b26dc648e67743d569cb2b805b272f3d1	model_zoo	tune	13	1
arijitcodespace/GNN-Keras3	b2dde29b58d0eb7b509955065022a8cf63793718	gnn	validate	23	1
NickLalo/Keras-3.0-WGAN-GP-Conditional	3c84822f235f9297f86a855a2f87068af61c46b7	gan	tune	5	1
jojuo123/U-Sleep-Keras-3.0	3a3792c2963cbfae19d799258f611002d8751476	medical	tune	20	3
apapiu/guided-diffusion-keras	3074318940cc798fa7aa3353ce9f5885b6fceb3b	diffusion	tune	4	0
homfunc/keras3-crf	f03e2f8a6dca7f50abbf592d8320afaaa82f2d87	nlp	validate	42	2
pass-lin/bert4keras3	c00f23cb1ea4746d47033e7c060a103c704d275c	nlp	tune	52	0
calmiLovesAI/TensorFlow2.0_SSD	11ef46f018616048d0ed672ad32414ae5867c350	detection_segmentation	validate	11	0
Fra-Tsuna/SAC-HER-Tensorflow2	3326bedac7f6b510acef8b246bbfd72b9e19653a	rl	validate	10	0
"""

REPOS_TSV_K = """\
repo	commit	kind	half	files_extracted	decl_files
Callidior/keras-applications	d1fd70ffe07a6ed7fc12cb906be234735d0257b7	model_zoo	validate	15	1
CyberZHG/keras-drop-block	eb6356612aa0458e5181a14a2094a84374c2b768	framework_tests	tune	4	3
CyberZHG/keras-octave-conv	a9a221a9f6dcf3ee4773ea6229904cce2e2ac419	framework_tests	validate	6	3
CyberZHG/keras-transformer-xl	5498b13b6db04a6800046b75acf00d4a819c529e	nlp	tune	14	3
PacktPublishing/Mastering-TensorFlow-1x	4eef748b0542af44196284a0624cca2a3d5b0f1f	course_book	validate	31	0
calmiLovesAI/Basic_CNNs_TensorFlow2	f063c84451f12e904f9c91c51278be52afccb0c2	model_zoo	tune	29	0
calmiLovesAI/TensorFlow2.0_ResNet	6136d57c7580d24c9ee3e55ca0b820822565ce17	model_zoo	validate	5	0
davidsandberg/facenet	096ed770f163957c1e56efa7feeb194773920f6e	research_custom_loop	tune	51	1
iwantooxxoox/Keras-OpenFace	1445ea5d1c98c136cdbb72052427e083108e9a51	model_zoo	validate	9	0
keras-team/keras-nlp	03f3578ec9783ffcc9435bbbaa76816438efdb20	nlp	tune	600	10
kuza55/keras-extras	416853d2b1711fdfdc23e49e3f1349234e8909e6	framework_tests	validate	4	0
lukas/ml-class	dee2ce909e07be184b04b29fa61822aa07567b84	course_book	validate	165	1
rcmalli/keras-mobilenet	674a1c3d4ba7f6ab1ce2e0c3ffb40c45a187bddf	model_zoo	tune	4	0
rcmalli/keras-squeezenet	4fb9cb7510ea0315303090edbc1bd97c2916af81	model_zoo	validate	4	1
taki0112/ResNet-Tensorflow	f395de3a53ddd8bb53828c79bd3c17e77d59858d	model_zoo	tune	2	0
the-deep-learners/deep-learning-illustrated	d11faaf7e34640c23181f7ac0e695fef00cf89f3	course_book	validate	26	0
titu1994/BatchRenormalization	820d3b96b7ad62cee64a6ff1de8f1edcb863d698	framework_tests	validate	5	0
titu1994/MobileNetworks	8d9a44b2954cef2b8b63b7c87b7c3cafc6fd1e5c	model_zoo	validate	8	0
wandb/examples	5cab88702fc51edfb4afc79a1de89e9acf6cb605	course_book	validate	60	22
james77777778/keras-aug	b5908a43e91e306461c1fd8218857d5736a1fedb	framework_tests	validate	99	3
james77777778/keras-image-models	279565e19f7cff3fa07b2972c124ec62858d32cb	model_zoo	validate	66	2
chansoopark98/Tensorflow-Keras-Semantic-Segmentation	7baa7cc6c909be33818ea592cf96947ef5aeb8f4	detection_segmentation	validate	47	0
leosampaio/keras-generative	ffafbae19d24c0ce7e812f610c4754a343400a9e	gan	tune	62	1
tatsy/keras-generative	ba303d20c6c4ba0bf13987610adb8acfda5e8d18	gan	tune	17	0
HedgehogCode/keras-transfer-learning	5da3b18c4c6a806148fe5f2644db3ce0df60687f	research_custom_loop	validate	44	1
keisen/tf-keras-vis	8bb8392ae5894c91acdfacaa898088c6b0c7a522	framework_tests	validate	33	2
mvaldenegro/keras-uncertainty	4269ad3a043485273582bdf23b7ad8d82b41e216	research_custom_loop	tune	34	2
faustomorales/keras-ocr	9661d6f29c063eb1c9261029d3593e583b0abdac	detection_segmentation	validate	13	3
yizt/keras-faster-rcnn	c4cfff6bebb8a82e45ea4c3e88a1aa4ec15aa8d6	detection_segmentation	tune	17	0
mingruimingrui/keras-FRCNN	2bcf71b31270427a6c78e60a39e39227be15da73	detection_segmentation	validate	23	1
danieljl/keras-image-captioning	cac7a99ed35ed787b473376ce5c5d189f191f578	nlp	validate	20	1
BBuf/Keras-Semantic-Segmentation	4f105ba0b94769bda88cf7e3111ec04a80ea901c	detection_segmentation	validate	44	0
Yoctol/yoctol-keras-layer-zoo	db6cd78c8b73eafbeff1589e3161dac34bb55019	model_zoo	validate	36	2
david8862/tf-keras-image-classifier	595ab08d57271b449ba3cfa5c5bac081b425e47c	model_zoo	validate	31	3
david8862/tf-keras-deeplabv3p-model-set	80b77d9c4076579eccdf193421e00b4c851344a8	detection_segmentation	validate	34	1
david8862/tf-keras-speech-commands	e4f29f9a441a3599d3524ddcfe9d32f1a88f56bd	audio	tune	16	1
david8862/tf-keras-stacked-hourglass-keypoint-detection	754c18ea72cb2db217db48d8e39b8aeea1029e52	detection_segmentation	tune	24	1
mrhhodd/capsnet-keras	3e4f9024552072f27d124dda3ff346855c1ca5ca	research_custom_loop	tune	8	0
PavlosMelissinos/enet-keras	95ce39474b4b95521b64d176dfb7455d57716fde	detection_segmentation	validate	19	4
Vladkryvoruchko/PSPNet-Keras-tensorflow	53ebf9b0fddf20643c9bfb4460ee2eb2f8775ae7	detection_segmentation	validate	20	1
SigmaQuan/NTM-Keras	a6fbc7374e596c46d0fa073e4bdb100fc8cf310a	research_custom_loop	validate	22	0
jackd/more-keras	631bec08e1d8cf1f245629c8d3296569ea8c879d	framework_tests	validate	63	2
BananaLoaf/pix2pix-tf2-keras	8925941e8e5cd52563255e8e2cc58f03f7cc5cde	gan	tune	5	2
Khev/RL-practice-keras	67cccdffd4e7e380666f24441eda8f72a33d9d81	rl	validate	110	0
imandr/RL-keras	c5ec9530fa501dfd196c14bd62f731a7506ea9c7	rl	tune	39	0
YerevaNN/R-NET-in-Keras	144b7ed4316da923c95a8a516349032c0e79e4f7	nlp	tune	16	0
YerevaNN/DIIN-in-Keras	eba9fa442c57305bd385ff87c723ab9761baf21e	nlp	validate	9	1
ParikhKadam/bidaf-keras	e271cf5444316a60530b6bd36dfd7ea02b0cc1a8	nlp	validate	13	3
sebastian-sz/efficientnet-lite-keras	728def97857d8aa83535d9275a1834c7df2316e9	model_zoo	tune	18	3
deep-diver/keras-diffusion-lab	13ebb270a3d7732b5d715038b2ebe1d0f44e6ced	diffusion	validate	18	1
rgmyr/keras-texture	3b21157e57ea679e79d34cf901855271dd7b6f40	model_zoo	tune	31	1
garbersc/keras-galaxies	a9c6a65f034db5bb4c60e0939d094d0391240d50	kaggle	tune	60	0
yusugomori/deeplearning-keras-tf2-torch	08e7b1fbd965eb5d6dbc50fd79c22dc4560ee5ea	course_book	validate	49	0
BrambleXu/nlp-beginner-guide-keras	3f431102331654268fa5fe9a34a7c6babfe5dc67	nlp	tune	65	1
PacktPublishing/Deep-Learning-with-TensorFlow-Second-Edition	b22c2327ef6255bc0f273ccf22376d5420c9b8fd	course_book	validate	73	2
deeplearning-mit-tensorflow-keras-tfjs/2020_Zweite_Auflage	ff1ebecef80ae9f7274695686cfad46dd5c0a0a5	course_book	tune	88	0
deeplearning-mit-tensorflow-keras-tfjs/2019_Erste_Auflage	acc5eb945654b040c1ab15040a562c51b48e9893	course_book	validate	62	0
modudeepnlp/NLP_Tensorflow2.0	b0fcc5a1521e865b0a7b06042324c0b0d6844d06	nlp	tune	26	0
srihari-humbarwadi/adain-tensorflow2.x	bc31428315f708a3ab582be87c0d1556ee2c090b	gan	validate	16	0
Changyu-Guo/Transformer-With-TensorFlow2	62c67964f7b83ab663f7dde1341257a2fa6ef6ce	nlp	tune	91	0
ZeroSum0x00/YOLO-tensorflow2	b7b6bd3d73284fcfe5ae8a0bf8735d7187b0a9ad	detection_segmentation	tune	37	1
wangermeng2021/Scaled-YOLOv4-tensorflow2	e4d3554dd4fbb8520d96efa50624b96907bb23db	detection_segmentation	tune	25	1
wangermeng2021/EfficientDet-tensorflow2	66a331fb0ab675097ebac382d6213f206f09b7d9	detection_segmentation	validate	39	1
spideralessio/TRPO-Tensorflow2	615b543dcb510b06b241f00f5c6e289ed49f1c9e	rl	tune	8	1
KATEhuang920909/tensorflow2.0_NER	e51265d55122934f812f5008ada66f1aa2f6f5aa	nlp	validate	52	2
calmiLovesAI/HRNet_Pose_Estimation_TensorFlow2	ba1ada9b2ca49a5a2f0bb0a7ef6bfa94e55d4afd	detection_segmentation	tune	9	0
calmiLovesAI/CRNN_TensorFlow2	87723ff90d79674d674282d2dadf5ff518d98b3d	detection_segmentation	validate	10	0
calmiLovesAI/YOLOv3_TensorFlow2	7789280e4974f62b20304f9746aa4121be4c5333	detection_segmentation	validate	13	0
hubertkarbowy/awd_lstm_tensorflow2	0b8d1f94003eb5895fadb73dc90bc2b6fd4655e4	nlp	tune	9	0
ntozer/mixmatch-tensorflow2.0	868946ae786be4644a817964f9e3fa4c14d526ef	research_custom_loop	tune	4	0
mehmetcanakbay/paperimp_tensorflow2.0	a3fc780c7f160d114d67ee5cdfe5898d8c43deed	model_zoo	tune	25	0
yaogood/NAS-tensorflow2	a3ed9bc3a2a973c8c54d2ea5b7344a31ed86c057	research_custom_loop	validate	21	0
DequanZhu/FaceNet-and-FaceLoss-collections-tensorflow2.0	78f32c2fa43217489f5b340826991780b3276fe2	research_custom_loop	validate	5	0
gabrieleangeletti/Deep-Learning-TensorFlow	ddeb1f2848da7b7bee166ad2152b4afc46bb2086	model_zoo	validate	27	2
conan7882/DeepVision-tensorflow	0ffc81a62eccf021077019fb59b0e9e7615e8222	model_zoo	tune	43	3
TimNiklasWitte/Implementing-ANNs-with-TensorFlow-WiSe-2021-22-	7929c6e11b37ff720618b585599e667e081ef858	course_book	tune	40	0
dimitrymindlin/CycleGAN-Tensorflow-2	60091e09ebc1883239ddc92b819e2a62b168a126	gan	tune	20	0
mnicnc404/CartoonGan-tensorflow	2f26a525f8b604b8e98fb84ebad0af5aef727944	gan	tune	9	2
LEGO999/BigBiGAN-TensorFlow2.0	bb241b3ba81bd5a493187807877397f9cfe1d8d3	gan	validate	9	0
ppooiiuuyh/SinGAN-tensorflow2.0	31b874c75931cb95da8e1e8fd2a2100852b66af1	gan	tune	6	0
haozh7109/SEGAN-TensorFlow2	0d3c74ef2ad979bde8501833eb0dc42a1497f73c	audio	validate	4	1
zhangqianhui/vae-gan-tensorflow	636f805090cffa5afcc4ab561524fb8435d1a850	vae	tune	4	0
clvrai/SSGAN-Tensorflow	1323a53f02503caa28b67e1ee52a4c30252a51dd	gan	tune	7	0
clvrai/BicycleGAN-Tensorflow	7feb637ba9fc777a9ccd354618624f45cc2569b1	gan	validate	6	0
kozistr/ESRGAN-tensorflow	b980f5e856e663be4115a6883c69d8c9b7e66b8e	gan	validate	6	1
vincent1bt/Real-ESRGAN-TensorFlow	03cec4420c172cd53887861ae408448b8735c820	gan	tune	12	1
tokestermw/text-gan-tensorflow	fb9897ee55e8d674a16c6041a2c1fb67abad131b	gan	validate	10	1
Visual-Behavior/detr-tensorflow	78fb71bca7b2ebf90e73151a51d29e8dbb46cb38	detection_segmentation	tune	29	1
eldar/pose-tensorflow	6a8f5ee90ea444e12c15eecebf8448797c52bbf5	detection_segmentation	validate	6	3
MaybeShewill-CV/image-classification-tensorflow	56a3e634c789d47c6ee153872c05ca2e3262d10e	model_zoo	tune	43	0
hipoglucido/Hierarchical-DRL-Tensorflow	4d0bc981600b4d3a694352635bd5437bab8c019d	rl	tune	7	1
yhyu13/AlphaGOZero-python-tensorflow	17d87a75c2cb4f0b26ad91b0d5674ceb006d20dc	rl	tune	33	3
sfujiwara/dqn-tensorflow	b78a28e95eee6f4ce5ba6d633e48dd361b788e7a	rl	validate	8	2
gopalakrishna-r/DeepLearning.AI-TensorFlow-Developer	f4a2aabe011e850a92822cdbcaded8885d2eea73	course_book	tune	124	0
vshmyhlo/retinanet-tensorflow	fe8e5c340f749bc0ed4692ff66d7b0886bd86a2b	detection_segmentation	tune	20	0
InnerPeace-Wu/densecap-tensorflow	2c77998f73832d5bb7324e97e8a7419cbce8398c	detection_segmentation	tune	13	2
abhishekrana/isic2018-skin-lesion-classifier-tensorflow	fa9fc3ab921099c447784bbf41dbf724c477d946	medical	tune	15	0
Chole-peterpan/WAMA_DL_Keras	5322e7dec1685d3f5cf4bc49d74955a1efd7c222	medical	validate	233	0
liuph0119/Semantic_Segmentation_Keras	b595f0e2d62c471256dcc800f9539dbdf354d391	detection_segmentation	validate	21	0
t2kasa/social_lstm_keras_tf	849ba13508e678441ee5ceb122945f626f6bd518	time_series	validate	3	0
medtune/Models_tf_keras	fca021b86db5dbda6ddacb1e9494ff05c8e15252	medical	validate	19	1
Pratapdangeti/Deep_Learning_with__Tensorflow_and_Keras	3011e55d654d9a669f84ad0a5afdc2191201bd72	course_book	tune	62	0
AlexYangLi/NLI_Keras	7630a242641cd32e6a21166a938acd6222786ad9	nlp	tune	25	0
CIA-Oceanix/DINAE_keras	4907c2570afd012909144d39422ff2a21e527a9a	research_custom_loop	validate	30	0
yuanyuanli85/Stacked_Hourglass_Network_Keras	eddf0ae15715a88d7859847cfff5f5092b260ae1	detection_segmentation	validate	5	0
AmberzzZZ/unet_vnet_keras	19c7d59b89853cb044aa9897729a09961e74a110	medical	validate	18	0
vchudinov-zz/dynamic_memory_networks_with_keras	ea28a8ba9100c113025fb782d6b4f086edd6c6fb	nlp	validate	4	0
khumbuai/ulmfit_keras	eb9637cc0ba8364cff7627c86dbfbb9f64b93d58	nlp	tune	10	1
rotkert/colorization_gan_keras	f62ede5748c6f200ff7be777c1818ac0b48c1f12	gan	validate	4	0
tirthasheshpatel/segment_anything_keras	305eab30bc303e23e8890add837489598f6b67d0	detection_segmentation	tune	7	2
aleannox/cyclegan_keras	3fda11661bad30aa0a9e89c725cc484179c5a94b	gan	tune	13	2
yuanyuanli85/FashionAI_KeyPoint_Detection_Challenge_Keras	0b3bd8cdee32e05619300e5466578644974279df	kaggle	validate	10	0
ewrfcas/QANet_keras	e02dccdf96ac459eb5554a6c851f1e9b73da0d1c	nlp	tune	13	0
vuminhtue/SMU_Deep_Learning_Keras	fdd723b49ac8b1ff2701b385f344c5d63e52c655	course_book	validate	3	0
Martijho/pathnet_keras	6e08ed17504779e78cec405b785dc1787ad1fce3	research_custom_loop	tune	9	0
sadeepj/crfasrnn_keras	0aa24eff26f6309952592b8050dbf165670b8ba6	detection_segmentation	validate	5	2
flomlo/ntm_keras	fdfe3ff0e3f5d3e4bc1a2fe51afdf67dae3aa5d8	research_custom_loop	tune	7	0
Jcduhdt/GAN_TF_Keras	df8c17671a67b031633b45ea272e568f48c45886	gan	validate	33	0
david-vazquez/keras_zoo	f84e7b4cc55fac6b9c572f54fec8b61ee106d116	model_zoo	validate	33	0
kmkolasinski/keras_detection	520a04d5e4f35002765fd96b2735df9bf3c50f88	detection_segmentation	validate	53	2
zhaoyangkun/keras_basic_sr	e89a7e31acff5827201af5e6d8bc63768c3c3351	gan	tune	30	1
taoyilee/Keras_MedicalImgAI	02ecf1f52ee91e3050b2d30f602a3161ff0726cf	medical	validate	11	1
tonandr/keras_unsupervised	ed7243543a5fb571c80dc6908a3a44313ce1b457	gan	tune	26	1
jderiu/keras_textvae	c0126a97a2ff3aa7523fee34ff21844082f98184	vae	tune	38	0
avolkov1/keras_experiments	333fad99dfd0d789b86c6976c5b3f9929edd6a67	research_custom_loop	tune	35	2
etirouthier/keras_dna	99cd0009cfac24fd58ba824fbaa64c4026850c0d	research_custom_loop	tune	6	1
ztlevi/keras_models	4cd2e72ab72e5ed3a40adbdaa3536f97a765692b	model_zoo	tune	16	1
cinderellab/Keras_Semantic_Segmentation_Enhanced	b095bcffc930be3a0921aad9c4aebfa1915f571f	detection_segmentation	tune	21	0
jchen42703/keras_med_io	2113de64a448c90b66993d6ed4fdbba7971f3417	medical	validate	9	1
yasufumy/keras_qanet	1c0e2da80cdfc43d3ea253d701721dce98b24623	nlp	tune	8	0
jkamalu/keras_tacotron	b04ff5298e57577479488639e0016d7c73e78dc6	audio	validate	4	1
naufalso/keras_nerf	bff7c60878ccc2ca74ef456a87e104269f03dc61	research_custom_loop	validate	17	1
mokemokechicken/keras_glow	2d15f788ce1a5fb080461bab584e20392da9eee7	vae	validate	10	1
nlp-cnu/keras_examples	cd82e8ae938583226258301de15626313dd46c6a	course_book	validate	7	1
PhilippeNguyen/keras_wavenet	1e256dd246a03e8203a5230092c0be0cd92b069a	audio	validate	22	1
PacktPublishing/Hands-on-Unsupervised-Learning-with-TensorFlow-2.0	d02d53f3f6cf690aac0ebcfcb10dd31bc9a73453	course_book	validate	10	0
cjuliani/Mask-RCNN-Tensorflow-2	9088c07bca0ec5151c111995d6cf0c057ba3bc86	detection_segmentation	tune	25	1
1653109/StyleGAN2-TensorFlow-2.x	669f97a9da003cc7f665c170c657ffbd8fec94f9	gan	validate	21	0
rosasalberto/StyleGAN2-TensorFlow-2.x	d2467e0eed24fd0130d54845a7104d9d2f55d6cf	gan	tune	16	0
alexbooth/Beta-VAE-Tensorflow-2.0	daeda4493fd4418d768c0e0b238d4c1f6c9dc3c0	vae	validate	3	0
Vishal-V/GSoC-TensorFlow-2019	483c7c178e803769defffda5a8653f32e939d226	model_zoo	validate	32	4
forskamse/TensorFlow-2-Implementations-of-CNN-Based-Networks	4d9e97a06aa3a72250110f1bb0218f029b088ca6	model_zoo	validate	8	0
Apress/Machine-Learning-for-Economics-and-Finance-in-TensorFlow-2	f3ffc16fe18be261c89c83ab54e0fdbd1ab1ca62	course_book	tune	9	0
bpbpublications/Mastering-TensorFlow-2.x	34090f072289f83136931c78eec2b83ad778821d	course_book	validate	121	1
csxeba/Learn-TensorFlow-2.0-The-Hard-Way	80249ef39bdc8d94ca998038e5b5ca8c238bb18e	course_book	tune	7	0
"""
REPOS_TSV_L = """\
repo	commit	kind	half	files_extracted	decl_files
AppliedDataSciencePartners/WorldModels	af1b47528ddb15cf3a68026ab405d231e758fb59	rl	tune	6	1
Belval/CRNN	23095fe253af22989f87458a5b7dc150731488c1	detection_segmentation	tune	3	1
CyberZHG/keras-adabound	71ca69e71deccba0992a33f1b3685f276fa620c6	framework_tests	tune	3	3
CyberZHG/keras-bert	2d3590dac33b4f097aefbff3d42b630626fd157d	nlp	validate	35	3
CyberZHG/keras-embed-sim	8ac0bde68790f77421da4822f4621cc269a1cec0	framework_tests	validate	2	3
CyberZHG/keras-layer-normalization	b57dd4d9b2161738f85b657c125b314554b7d614	framework_tests	tune	2	3
CyberZHG/keras-lookahead	7a44ca458b1f76c9e818ce2409310c6b679d4973	framework_tests	tune	4	3
CyberZHG/keras-pos-embd	37a7a7426226fba138208b2fb31a9a018d29abd6	framework_tests	validate	4	3
CyberZHG/keras-position-wise-feed-forward	1a72d9fe3fea703bb074cc320e785dca1519d608	framework_tests	tune	2	3
CyberZHG/keras-targeted-dropout	bf9021fe67854f305d1de55b73a403464caea1b8	framework_tests	tune	3	3
CyberZHG/keras-word-char-embd	fbf96a51467df8c52ec754830f09f0360e20a224	nlp	validate	9	3
DetectionTeamUCAS/R2CNN_Faster-RCNN_Tensorflow	0bcc4209defefebd7b3644c6f4a0dcaaa6170c3f	detection_segmentation	validate	62	3
HKUST-KnowComp/R-Net	1efc5ef18067a84d44fa8d31c309a19c52958e92	nlp	validate	7	0
MorvanZhou/tutorials	c36c8995951bc09890efd329635c2b74bd532610	course_book	validate	31	0
NLPLearn/QANet	8107d223897775d0c3838cb97f93b089908781d4	nlp	validate	7	1
Tony607/efficientnet_keras_transfer_learning	11e10560c23688990f81702e81cf527f8ce5ab35	model_zoo	tune	7	1
allenai/bi-att-flow	49004549e9a88b78c359b31481afa7792dbb3f4a	nlp	validate	26	1
argman/EAST	dca414de39a3a4915a019c9a02c1832a31cdd0ca	detection_segmentation	validate	8	1
bckenstler/CLR	968cf5a49577f470d55fc17676fcfb6b11447d11	framework_tests	tune	2	0
bojone/gan	d4010d1be338f3c91f50e1639936c1a63152cfde	gan	tune	18	0
chen0040/keras-audio	c34c30695169e0f274c0f3d175dba2b4c9dc301a	audio	tune	15	3
chen0040/keras-image-captioning	cfe4ba019dfa5dfd1d0c0e7b5812dbb2d4aa5bd4	nlp	validate	7	3
chen0040/keras-malicious-url-detector	ccf316e1f7b1714cdfc34ff4dec4dd938b6e703c	nlp	tune	12	1
chen0040/keras-question-and-answering-web-api	8763beb11ac03a5f490ff6f02c41e29ccfbfc9b8	nlp	validate	17	3
chen0040/keras-recommender	8d3f1b2aedfd89882190c3cd61e0f3efe6a05ecf	model_zoo	validate	11	1
chen0040/keras-search-engine	db454c867659ac0b3cced01f9cb3d71c16ea21cc	nlp	validate	8	3
ctmakro/gymnastics	96568114699b5575465be9ad831c461c926ddfd8	rl	validate	7	0
divamgupta/image-segmentation-keras	1b2ba53ae49387c2d1abbd9a2f4a9a45eea6912f	detection_segmentation	validate	17	3
dsgissin/DiscriminativeActiveLearning	625e9a183b9c14356c81b9073456d8142f25f906	research_custom_loop	tune	3	0
erhwenkuo/deep-learning-with-keras-notebooks	3fd4973e0b30c437a7074f1f2e6ff7531bb37c15	course_book	tune	35	0
idealo/imagededup	57a7e855eb00cbe824b63c265bc2ecc4dbee89dd	model_zoo	tune	5	3
inoryy/reaver	d7bd79781b1567223a37a62832d788cdaeaf824b	rl	validate	15	1
janzd/CRNN	f67cfa37cada9b2aeedf8b44ab13d922f6de619a	detection_segmentation	tune	7	0
keplr-io/quiver	09162e28f05cfcc08da185f5d88d88c9be925919	framework_tests	tune	4	1
keras-team/keras-hub	71453d08f59edc90d276e999319fc51e61cbf82c	model_zoo	tune	1284	8
keras-team/keras-preprocessing	3e380065d4afc7347aaee8d89325a16b22158438	framework_tests	validate	20	2
kurapan/EAST	2de0cfb98898c3a8c83b1f38835a15ea8d264d43	detection_segmentation	validate	6	1
lars76/object-localization	eb13002939bb92fdb26182d09c6252cd0f58d0ac	detection_segmentation	tune	6	0
localminimum/QANet	e3b1eec1b24187d184cfcb4f750f89dcb73e211c	nlp	tune	7	1
philipperemy/keras-attention	3944c330253a0f954a98515789ec5ad661bdf37b	nlp	validate	5	1
pkmital/tensorflow_tutorials	c3eefe59979cdde7b8cb59d2c52da8ebebe43254	course_book	validate	27	0
rasbt/python-machine-learning-book-3rd-edition	bf62496f44a92a21d23250d5ed13d2d2e617e0e2	course_book	tune	19	0
suyash/transformer	c0b5790f29abf7c1b7907d174da8675094a67622	nlp	validate	5	1
taki0112/Densenet-Tensorflow	dd2db93c529455beb36edf5c40bc5e236b7b1a79	model_zoo	tune	2	0
taki0112/SENet-Tensorflow	41b12c4b1db9d71bf03a3dfb7b2d23cfcf6516ca	model_zoo	validate	3	0
tensorflow/addons	d208d752e98c310280938efa939117bf635a60a8	framework_tests	tune	245	3
tensorflow/probability	c847a4160de33119ec44cf47ebc750d9659cb515	framework_tests	tune	1202	5
the-deep-learners/TensorFlow-LiveLessons	ddfc9847a7e18550438069d0f1c1cadec4c287fb	course_book	validate	43	0
titu1994/keras-global-context-networks	73f0a08f7c9e3a37e41054c0828e7ac3b87a22af	model_zoo	tune	7	0
titu1994/tfdiffeq	ef646f85cbd0821749a03e7ab51e03e16798fab1	research_custom_loop	validate	35	3
udibr/headlines	bb3b40e09df0f375e5b7210bf899e7ec1e3b0da8	nlp	validate	3	0
xiaochus/YOLOv3	db63e48f501a9019eb420f77dfc7fa6f44329270	detection_segmentation	tune	3	0
xuannianz/keras-fcos	a8e2ac6297a6a0681d26300425464f6a175a0992	detection_segmentation	validate	23	2
you359/Keras-FasterRCNN	eb67ad5d946581344f614faa1e3ee7902f429ce3	detection_segmentation	tune	13	1
"""
REPOS_TSV_M = """\
repo	commit	kind	half	files_extracted	decl_files
255BITS/DCGAN-tensorflow	684a24da17d1359606d05a36b97c82a33b3fa4da	gan	validate	13	0
295754206/Summary6_Keras	a5a93f136ad855c45d2292cba5534852e9b35f23	course_book	validate	61	0
AppliedDataSciencePartners/DeepReinforcementLearning	b04e80409a26896ae0e5f1d4cbca603f9ae4eff2	rl	tune	11	1
BillyGun27/yolov3_keras_tf	2f9c9a8d1446172a5e0c8ec3fe59dde66a76ed91	detection_segmentation	validate	35	0
Canberkg/SSD_TF2_Keras	bf0a3957b002ccb67f9311a9609a44af7e9af368	detection_segmentation	validate	13	1
ChenglongChen/Kaggle_HomeDepot	55c1033d0af3b6cf2f033fe4bcf3e1e0ffda3445	kaggle	validate	5	0
Dammi87/tgs_keras	a3c86b10755a18367c32bb98e7907cbc07aaaf27	kaggle	tune	14	0
Franm99/glomeruli-segmentation-keras	a34d9cfdba5b0c5d1f61321a1eb9b2f39da60d69	medical_imaging	validate	8	1
GKalliatakis/Keras-VGG16-places365	959389fa93564cd673264a053acb35a4350b6006	model_zoo	validate	3	0
Grzego/async-rl	b2b31f4c2d170531fabf7ddc6bc6f6c8e4e4ae31	rl	validate	6	0
IBM/MAX-Audio-Classifier	3c308abcb04e1523e668ebaf76ca55898cd97d28	audio	validate	2	2
JayaniH/Adding-Domain-Knowledge-to-Keras-based-Neural-Networks	00f4e81e1a94278fd00ed8568090cda3eb5daf16	research_custom_loop	validate	53	0
Khayrulbuet13/YOLO_Keras	7edad089bd10f3e1f39e1462c30d82851770c49f	detection_segmentation	validate	5	1
KratzErik/ALOCC_Keras_SMILE	27dc6aafd951e95085351bd8d56f4006f58ca9fa	gan	tune	6	1
LucaCappelletti94/extra_keras_metrics	3e2d80f305518ed4c99f6d21899d1ddf2e89db0c	framework_tests	validate	32	1
MarcBS/multimodal_keras_wrapper	1349edaaa0e13092a72280bb24316b460ed841de	framework_tests	tune	20	4
MatthieuHernandez/image-recognition-with-Keras	c1bfefde60ffbe039fd0101a8235abf6ae0a9873	course_book	tune	2	0
N3PDF/evolutionary_keras	a73bf3fd8890908f30c783af75358c10d2fd78a0	framework_tests	validate	7	1
NVIDIA/OpenSeq2Seq	8681d381ed404fde516e2c1b823de5a213c59aba	nlp	validate	175	2
OCR-D/ocrd_keraslm	f66d7da44723abf4151b602649b7ef966da2be3d	nlp	validate	6	3
PacktPublishing/Predictive-Analytics-with-TensorFlow	46fc1d18a145397f30ea445aeffdc294f249cb1d	course_book	tune	85	0
RSE-Sheffield/nmt-keras	4ffacdaf3228bd4284fdf258abaa162ed63b3d7d	nlp	tune	22	2
Salon-sai/learning-tensorflow	d152599273cbe65e15194a34cef270704aeb9f72	course_book	validate	31	0
Sand0001/psenet_keras	4d9fd637d1ad3ad0f119d9ca7bdff3126600c3b0	detection_segmentation	validate	20	1
Songminkee/YOLOv4_keras_implementation	78428113cc5981bd0c44271fa691fdb8553c8681	detection_segmentation	tune	12	0
TrickyGo/Dive-into-DL-TensorFlow2.0	a7def73ca17de81e5af855dee9b609eca487eb00	course_book	tune	68	0
Trusted-AI/adversarial-robustness-toolbox	23539e2c06045d78594b6b6da533eed57967e410	framework_tests	tune	219	4
Wangsmz/NLP-TENSORFLOW	50548c4bb65bd6f579bfb3c8eeb538e81432ecd8	nlp	tune	25	0
WinterBlue16/MulticampusAI_Keras	fd2ac250981af84a93cd7674b6342f1cff059302	course_book	validate	70	0
Yoogeonhui/dcgan_keras	dd147739fb29e4b2046f2bc18a1c75f3e9ed6ad7	gan	validate	3	0
ZFTurbo/Keras-inference-time-optimizer	cad25d9285a5bf9c1079c931cafac1966c4e48a8	framework_tests	tune	3	1
Zepeng/PointNET_PMT_keras	cdfdc724d6fd31d1d1dd9769fee558caf48b1342	research_custom_loop	tune	8	1
abeagomez/CNN_triplet_loss_with_keras	7ddf44ba661234dcf2d9f98883633ebddd9271d8	research_custom_loop	tune	9	0
aboerzel/ALPR-keras	c49fe4031752227d99d4acccccb35f6cb896db68	detection_segmentation	tune	29	1
alexcla99/brain_mri_keras_classification	2b3a3862e1c3314fde33c24b9a7b0b03e57dd91e	medical_imaging	tune	14	1
amaiasalvador/imcap_keras	491cb304a5f038f63709b10bb623b96857eff94b	nlp	validate	10	1
asyml/texar	83b1f22a6c8b070d45d2b4511e2b961a2e60d95e	nlp	validate	189	7
bfelbo/DeepMoji	3edf6bb9b5e1096a64abe55a6a909aa05854969f	nlp	tune	6	1
bortizj/unet_keras_segmentation	e33ce17759e86af5da2772f7edec4871f357256a	detection_segmentation	validate	3	0
bubbliiiing/mask-rcnn-keras	e91eabcd73e1ffbcf2ecd6a3f5b05d3473bc08be	detection_segmentation	validate	7	1
cerndb/dist-keras	06c4e39954d9add3808042212a321febe21857b9	framework_tests	validate	17	1
chansoopark98/Tensorflow-Keras-Depth_Estimation	b07d18e2dd552275994039a7b6d0705e8251aae6	detection_segmentation	validate	40	1
chen15861132927/image-segmentation-keras	aac1c0d23c50d143bef4ffa0be72fb16ce7aba73	detection_segmentation	tune	17	3
chris-chris/pysc2-examples	c8074a1f49050268451c42e96525496526bea749	rl	tune	7	2
cleverhans-lab/cleverhans	574efc1d2f5c7e102c78cf0e937654e847267522	framework_tests	tune	143	9
cosminzamfir/dl_keras	45ca74e8ea2ec5da6e1a839b90e5febfc0ed1e39	course_book	validate	20	0
d2l-ai/d2l-en	23d7a5aecceee57d1292c56e90cce307f183bb0a	course_book	validate	4	1
danielegrattarola/keras-gat	c870d198a6137201d354fddbe4f7250903ab483c	gnn	tune	2	1
danielmao2019/Computer-Vision-TensorFlow	a7e1343ccfc7aa1d698679e912629a10f54af396	model_zoo	validate	61	2
darwinbeing/deepdriving-tensorflow	036a83871f3515b2c041bc3cd5e845f6d8f7b3b7	research_custom_loop	validate	39	0
datalogue/keras-attention	12bbcd1121976e9db9fe87371772bb7f4dcd0302	nlp	tune	6	2
deepchem/deepchem	fbe3b911a94a6eb8c84c1a9e7ac67a472c49ea80	model_zoo	validate	192	3
deepmedic/deepmedic	e10ba7c3570d06194f5dadca91d99d5e7bba7de5	medical_imaging	tune	14	2
dongjun-Lee/text-classification-models-tf	768ea13547104f56786c52f0c6eb99912c816a09	nlp	tune	8	1
drscotthawley/panotti	c6cfd481891d90ea53f43b46c9492073ba027579	audio	validate	8	3
eastmountyxz/AI-for-TensorFlow	5e93d14b99157f38321d634c59f5d1f7d3450684	course_book	tune	87	0
ematvey/hierarchical-attention-networks	8e8ba74011874812796d58e416d87713c6733896	nlp	validate	5	1
emmanuelol/02_keras_py	0a6a74e02f082f4c8e57a0d7eaebcdfb7d27925e	course_book	validate	189	20
experiencor/deep-viz-keras	21feeed874f395c2fec0c3ebca7d345ca26a2bef	model_zoo	validate	4	0
flegac/mktd-keras	3e8daf16fca2a0c97b6159ea8bfad4fd7bf12672	time_series	validate	8	4
flyyufelix/cnn_finetune	cba343987d8a1dc1dfae240afa298e11898e1a3f	model_zoo	tune	14	0
gianlucamazza/FTSP-keras	741c6299e25160719968b28f2db0824e545338fb	time_series	tune	5	2
gilbutITbook/006975	cb2e1640368ed2e9c20834cbd2c45ed733634342	course_book	tune	18	0
google-research/batch-ppo	3d09705977bae4e7c3eb20339a3b384d2a5531e4	rl	validate	25	1
google/trax	7c189c2c3a37851df7fc641b322a99bbe9f8aa10	framework_tests	validate	84	2
hanxiao/bert-as-service	a6afd77388e8b3b4adbcc3764300d2a0c261e71d	nlp	validate	9	5
happyyuwei/Eidolon-Tensorflow	7d8dd8bc0a8257efce9d560e78bb9235eb6f995c	gan	validate	28	0
hojeong3709/numpy-pandas-tensorflow-learning	2fdd8d22dc5584103397559cb23a6efa8bb59637	course_book	tune	62	1
ilyarudyak/cs230_project_keras	ca81beb6c717be30c740affd41823de353eb4b6e	course_book	validate	71	1
imhuay/bert_by_keras	bb847a6b45f45fce349aa7c30897dd34f3453648	nlp	validate	16	0
jackkwok/satellite-imagery-keras-deep-learning	84b4f79b25cfd337da61eb5c19d24c0f40419030	kaggle	tune	26	0
jefequien/PSPNet-Keras	bad76c4c397b127c1d82bff31cb8ada39d39a230	detection_segmentation	validate	21	1
jeremy-shannon/CarND-Behavioral-Cloning-Project	576d11371ebf47986fccefe54fba658dbe38b70c	course_book	tune	3	0
junholeephy/DNN_keras_tensorflow	3dd33b60d5c49148f3987ca03308d47bb6912708	research_custom_loop	tune	12	0
kamalkraj/Vision-Transformer	1ee5e628f18e84aaf28b6a4675a00342b4f7d5f7	model_zoo	validate	3	1
kameo4189/PRNet-keras	cfe50193572231c2d6f1f891bd95e01532351e01	detection_segmentation	validate	14	2
karolzak/keras-unet	2b1c6d5ea1846b97ff7fa0f38ec371f20db73020	detection_segmentation	tune	9	2
keras-team/keras	3422977a5e38fb2f7709aaa9a08e47f0c43d0f60	framework_tests	validate	961	8
kim135797531/study-tf-keras-pytorch	eb2603b960934750d85fda26a5a2cb48e8cde43a	course_book	validate	38	1
kmkarakaya/Deep-Learning-Tutorials	36a3bbb107ef422ec0dccfaedcd638ee4bfab265	course_book	tune	29	0
kuleshov/audio-super-res	45c75f48669d9b6dd3624d426a075855be7c650c	audio	tune	13	2
leVirve/deep-insight-tensorflow	043e014ef71d692bccf5a4302580d3b299086e2c	course_book	validate	7	2
llSourcell/How_to_simulate_a_self_driving_car	8805a0f2ba962198d7aef482331a3eb4433d4199	course_book	validate	2	0
lorisdanjou/AromeDownscaling-unet-keras	fa6730f132513a5c6ee5eef716bf5b4cddc93a1c	research_custom_loop	tune	7	1
ludwig-ai/ludwig	5d19f3e632124e2f92266faca773047aeeeb0da4	framework_tests	tune	5	1
lzl32947/number_detection_network_by_keras	9599476b767b8a20df6f4ec3349970691760965f	detection_segmentation	validate	12	0
matthiasplappert/keras-rl	216c3145f3dc4d17877be26ca2185ce7db462bad	rl	tune	22	3
mayerjRRR/CycleGAN-Tensorflow	6c0ef0a258266599a7eb35d2a1dac437f7068346	gan	tune	23	1
mengqi1998/Kenras-Tensorflow	6c9b8383acebc0220a49e80a2af83b68797090b0	course_book	validate	41	0
microsoft/MMdnn	5cf01b2b4a8ce3a6e2b9c74b9e4cc55798429bef	framework_tests	tune	93	2
mrhaa/LSTM_TEST_IN_KERAS	8b0a5593bd8d748f9edaa577f1b4a1036e79691f	time_series	validate	3	0
mrkolarik/3D-brain-segmentation	23641207b413ca34577292d09083b9a0350dc624	medical_imaging	tune	6	0
nerox8664/pytorch2keras	5267d546154a0ba3bfbd0eb9b34d6f00a0f58a53	framework_tests	validate	43	3
niccottrell/nmt-keras	538a13e3e9f3d7a81dd20d3e7e316bba8a3a09c7	nlp	tune	10	3
nicknochnack/RealTimeObjectDetection	7b6228d3cb7be33e45394b3c7446ca09431d4cfa	detection_segmentation	tune	2	0
nicknochnack/TFODCourse	2359cdc3bcfdb453ff909e4807a2f1615ad78baf	detection_segmentation	tune	2	0
nyukat/breast_cancer_classifier	6176ebea6950b0a953339593d2da417ab846dae0	medical_imaging	tune	6	1
optuna/optuna-examples	2e0b10bc54501e801687e114de3cbe1b6d2407dc	framework_tests	validate	9	36
osmoai/kgcnn-keras-unlocked	24d8b61214405f855d8a893469dfc59c0ea6c075	gnn	validate	395	5
parilo/quadrocopter-deep-q-learning-tensorflow	ce9533b21c1f9809cae99a34274683034f4c27d5	rl	tune	22	0
payne911/SR-ResCNN-Keras	2e5aa7320b0cec83db8d9dee5011e8380987b30b	research_custom_loop	validate	8	0
persistforever/yolo-tensorflow	cf432d46673be84de3415abf107be98ade2fd10a	detection_segmentation	tune	15	0
peterhchen/100-TensorFlow-DeepLearning-Basic	1812c0fca84cfa7850d7f3bc7d6e41a70cac93f5	course_book	validate	181	0
phrenner/DEQN_Keras	0a95f60aaf7756b44421e6cce4a3d6819a3c6f35	research_custom_loop	tune	51	0
ppwwyyxx/tensorpack	db541e8ec9edeeb12f8dcc79f3ca835412d282e1	framework_tests	validate	121	2
priyamtejaswin/devise-keras	7e8bdb04a38d7c2f93298261a3eaea8661fb616f	research_custom_loop	validate	10	1
pythonlessons/RL-Bitcoin-trading-bot	ac75144714935029f36e6506e66c45757ab6b3fe	rl	tune	11	5
pythonlessons/mltu	f3033451f62c3fd2097b990c98b25f97773b640d	framework_tests	tune	28	11
ronen-halevy/yolov5-tf2-keras	b315d7fedfa260e030b16004ce6e6e897a5127ca	detection_segmentation	validate	38	2
rrtroutslater/Recurrent_DPG_Keras	3544e7cff873e6e09e549d1970058e756258d8a5	rl	tune	5	0
sachinruk/deepschool.io	e74e54376227d9ccaa1de62e96444adb8c132e5a	course_book	validate	39	1
schoettner/ssd-keras	19b255107f18708378215f76e5dd680663a4a9a6	detection_segmentation	validate	9	1
simoninithomas/Deep_reinforcement_learning_Course	f42f62d483755b10403070454f224a55b24fb8b1	rl	tune	23	0
sjvasquez/handwriting-synthesis	5f58984c3bc793bd8930bad7012cd2008d4a4a66	research_custom_loop	tune	5	1
slundberg/shap	997fb0dd9381b47662b2b2283ed600ef7bd04aa6	framework_tests	tune	26	3
solapark/frcnn_keras_original	0f08c3096e0e776541c1b5818080f5714d4b9609	detection_segmentation	validate	39	1
sssirus/QA-keras	bd9b0e35ec43f8ea79235c447812185f7dc4ceb5	nlp	validate	11	0
suragnair/alpha-zero-general	f1a78e0505c614205f8c60eaa82cd644a07a84b3	rl	validate	21	2
sylvainlapeyrade/RNN_Intrusion-Detection_Keras	e07c05803dfd4ad454cf5043531bb3e205ec022b	time_series	validate	4	0
szmeku/trader-keras	989316d2f8498f2d1a986fd309587e14d083536d	time_series	tune	19	1
taashi-s/UNet_Keras	9bd65051e7a490cdaaf59d4bd82a2ff25307602c	detection_segmentation	validate	5	0
tahuang1991/HH_Keras	e582348811285fe2730a0dd768578b2cba0bc330	research_custom_loop	tune	15	0
tensorflow/io	e42be7b4b10616d4801a04422193264a3566343c	framework_tests	validate	188	3
tensorflow/lingvo	e0be5dc4ce9b89d91c0be343f54c5d7a5b1bcb59	nlp	validate	74	1
tensorflow/lucid	6dcc927e4ff4e7ef4d9c54d27b0352849dadd1bb	framework_tests	validate	90	2
tensorlayer/dcgan	f1c0b9d5e2b6c07f0c13c69e96513a6f149da8e0	gan	validate	3	0
tfunck/minc_keras	a488b0a10c63a4694e64da417df1dd7aec0c8daa	medical_imaging	validate	9	0
tgjeon/TensorFlow-Tutorials-for-Time-Series	95f6cefd954fa4e1b1ac00fc60a3d931d0ca5822	time_series	validate	5	0
theroggy/segmodels_keras	1e3631e294b7835dfe324ecc08b607231a91718b	detection_segmentation	tune	25	3
thimabru1010/ResUnet-a_mltsk_keras	1f15262587a1df72a8bc0fc5f586136fa9e5a9bc	detection_segmentation	tune	16	0
thomasKleiber/style_transfer_keras	9d535eba6d43f211db5e49892425a2d498fb3959	gan	tune	5	0
titu1994/neural-image-assessment	4a22c4b59b8af1a7d23edb94fb7f48a008ba986c	model_zoo	tune	16	0
udacity/AIND-VUI-Capstone	b4e869fe4b119aa971d514d3eba1644d14fa4f81	audio	validate	3	1
upul/Behavioral-Cloning	c24cc22174ee08851eea5b7405ee6aa513a3b15c	course_book	tune	2	0
ustyuzhaninky/OSAR-keras	a906c8f69d0ba3b6699857fdaca5e22debd348ac	rl	tune	29	2
vbezgachev/tf_serving_keras	2280b8d48a71f262559a9791412f7e3dc56b1187	app	tune	17	0
victorjoos/QuantizedNeuralNetworks-Keras-Tensorflow	4080ddff9c9e9a6fd5c1dd90997c63968195bb7e	research_custom_loop	validate	14	0
wikibook/keras	bce4a014097f7ed3fb5bb63ce3b29a50a47f914c	course_book	tune	34	1
wu840407/PYKT-Python-for-Keras-and-TensorFlow	90c5305f7167def16202626c99242978a829d2e0	course_book	validate	32	1
wzy6642/Deep_Learning_Keras	a1180e70c668f591736a7f7eaf10bdac6bcafd8f	course_book	validate	27	0
yennanliu/sequence_predictor	253b85a881cf65bd75325434e50ac364d5b055ea	time_series	tune	10	0
zestloveheart/DHDN_keras	a76d4dfc50666dd0b9932e4b47540641e19ba15b	research_custom_loop	validate	15	0
zsdonghao/Image-Captioning	696ab29fecd4e85c6b01bf1196a5d4692f2d92d2	nlp	validate	30	0
"""

REPOS_TSV_W = """\
repo	commit	kind	half	files_extracted	decl_files
A-NGJ/AudioExplorers2023	1cc59c075faa289e9285954f4904df78d96c6ff1	audio	tune	9	1
AlbertoSabater/Keras-YOLO-v3	74cffec8fba2def3071b3578621ca58414e7b940	detection_segmentation	validate	15	0
Alro10/deep-learning-time-series	d24247fe316d3ee3723dad60eda87f188f1352b7	time_series	validate	2	0
BrainGardenAI/keras-yolo	bf3d5b1d231e08526d456cdfae7c3c762e98af75	detection_segmentation	tune	7	1
DCtheTall/tf-keras-progressive-gan	a45653513329a519f5bfb781e2b4abcde77d8db6	gan	tune	4	0
Daniel451/keras-vae	2705c2bbee669e94c822f3ff554b725be1fff601	vae	validate	4	0
DownyPrio/xDeepFM_tf	de2458b142da6ade45dc6beb67a322a7b2e7026b	recommender	validate	15	0
GanyuWang/tf-keras-implementation-of-Image-Style-transformation-network	8340cc86331a464ba3399da0ba37e520b0de7d95	gan	validate	15	1
Garvit-32/Audio-Classification-Keras	34455b6a8d8189ae148535c7df548ba8a67921fe	audio	validate	3	0
Gianfranco-98/SSD-Tensorflow2	ea35c513c6df0e68f3ec3b079f7f37aa853843e9	detection_segmentation	tune	12	0
Jaredzzz/Keras-yolo-series	d85503e6ba3a8b77eea79225e727807d5f0e03ab	detection_segmentation	tune	18	0
Juggernaughtx/graphsage-tf2-autograph	825556adcf8ec73d876a7a1c1436d2223d0930ba	gnn	tune	4	0
Keyird/TensorFlow2-for-beginner	af48c3c77817491ea29efe1bf383209fcf1c39a7	course_book	tune	47	0
Lornatang/TensorFlow2-tutorials	df5bc050e9941f5be23ff9ff826744b18664bb8b	course_book	validate	48	0
LukasRinder/bayesian-neural-networks	e21e058ffbbe39ff4359b072248c6ecddec73877	bayesian	validate	19	1
Mateo-EBA/Keras-UNet-Architectures	be14994fcf771bdf45c65a407bb61ccb2d0ce2a1	detection_segmentation	tune	4	1
SanderWooning/keras-UNET-OCT	5266d146af88ac9805d01714b3b1925f6fa9bd18	medical	tune	8	1
YONG-FU/TensorFlow2-Financial_Deep_Learning_Practice	8ace372e2cced24bccb7fb07e10f0bcf448b1eea	time_series	validate	10	0
analytics-ufcg/Deep4Rec	a120e7062c6d653e191e19605184775bb813eb23	recommender	validate	23	3
apxlwl/tensorflow2.0-yolov3	2c6b645a0ad7ddcc6c573c4dd665ad69e4642eec	detection_segmentation	tune	11	0
artemmavrin/TF-Keras-GAN	ddf589be2ad7dc11f581374128c6ccb8251349dc	gan	tune	3	1
atilimkoca/Timeseries-prediction-using-Keras-Transformer	b83e7d786bc682defac4aec276f1bcf935938874	time_series	tune	4	0
aws-samples/deepfm-tensorflow-distributed-training-on-amazon-sagemaker	6d6906cac7ecf800f29659baaf430a0b3f0f0b69	recommender	validate	5	0
ax-va/TensorFlow2-Keras-Deep-Learning-Umberto-Michelucci-2022	175125ee6cc94787188dbd31ebf41e770be7524d	course_book	tune	14	0
bmenn/kaggle-tensorflow-speech-recognition-challenge	9a317752169ffd3bfce88006c7f8c3351ee114bc	kaggle	validate	18	1
busesese/DeepFM_Keras	92062c26fabdf68de53cbd6e0e3be74ae5caa24f	recommender	validate	3	0
ccoppa/End_to_End_Deep_Neural_Network_for_Automatic_Speech_Recognition	ee27d23ddc3f4b8a500cac30905951b313acf188	audio	tune	5	0
determined-ai/tf-keras-cvae-starter-code	188f5e3ce3ecc4a67b7d9e64a7a4033938224830	vae	validate	7	0
elisim/Optimized-MC-Dropout-Using-DRL	f81c2415c41c392fd8c1f225fd50a14b3831cfed	bayesian	validate	10	2
forcecore/Keras-GAN-Animeface-Character	eef29baec4c8fe19ae35ac0a97bc9604b327f707	gan	tune	4	1
geeeeorge/DQN-keras	8498dec41caa15b12b5dcc5ad70194614a78c415	rl	tune	3	1
githubprofilep/DNN-SPeech-Recognizer	a3560f82a3a29eb76c4482ae6b01a42836cc353e	audio	validate	3	0
guigzzz/Keras-Yolo-v2	f61286371cdc2d470e0811234f552c70bbd5caba	detection_segmentation	tune	7	0
ireko8/kaggle-tensorflow-speech-recognition	70b01563d900a9ca4a158fa2476e5c8619b0cf07	kaggle	validate	4	0
itej89/Hand_On_Machine_Learning_Practice_Models	d60a10d155dad1ea7f39672766ac4acf069b5d02	course_book	tune	204	0
jason71995/Keras-GAN-Library	1dfa2cd7ec2cf0fcd91aca6aded502e5f3f89fe9	gan	validate	6	0
jason9693/MusicTransformer-tensorflow2.0	f7c06c0cb2e9cdddcbf6db779cb39cd650282778	audio	validate	11	1
jjvmak/keras-gans-experiments	dae1813956cbce017f9e5318447f65855ef981dc	gan	tune	4	0
johmedr/GraphN	2aa56eea724c89f4c607ef432678bd4f1860592d	gnn	validate	11	1
jwkanggist/tf-keras-stock-pred	c10a7ea9934443511bcf4b16096c0f574c4f5b03	time_series	validate	10	0
kaixindelele/DQN-keras-visualization-with-gridworld	e10be9ebcdef7f7723f2356feef2d8b26c8c0554	rl	tune	3	0
kaust-vislab/keras-tutorials-lite	a8d70010cf3e417b7d9874b218538e75980ab434	course_book	validate	4	1
kdhht2334/Tensorflow-keras-tutorial	d6785d6fb937312339dab49d02d767c491e54eb0	course_book	tune	11	0
mcps5601/TimeGAN-tensorflow2	6f68f9ae9d9eb6f7f9e0992a5dde75c697fc0655	gan	validate	13	1
miemie2013/Keras-YOLOv4	6928c3db16e69868a965c6240c9b29cbabfd3991	detection_segmentation	tune	25	1
mohamedELBAHA/uq_methods	f794363af608ccec2531834d3c20fcd9bae04748	bayesian	validate	20	0
monchhichizzq/Tensorflow2-yolov4	73e72e202aa1e35dcef51a304b382eec9891ef2b	detection_segmentation	validate	12	0
mpolinowski/tf-keras-2023	2a2a1a4c716135b45c424460458a4ce69a57601b	course_book	validate	6	0
mybirth0407/Kaggle-TensorFlow-Speech-Recognition	81c0577cdf6a9c2e11196b4847bccaec86680a1d	kaggle	tune	13	0
nitish-kalan/MountainCar-v0-Deep-Q-Learning-DQN-Keras	88020e633afbc700bcddd271bcf6ff45e2f5c890	rl	tune	3	0
noushinha/DeepET	006edad0bfe318e66e72db318311b0690da23f57	research_custom_loop	validate	10	0
pabloquihui/PCa_WebPage	618d2654c1de39af196af5e9d74a1eae82296a0a	app	tune	2	1
rarilurelo/keras-VAE	5055fe36aaff25237c9f9378a65d4bdf333f29df	vae	validate	11	0
reubenjohn/Distributed-TF-Keras-RL	3e998b699ea98609c6d9cc3a99870ad259079ee1	rl	tune	10	0
rexrex9/DeepFM_tf2	12dda9c111996a3ceef4da60af93c942088ab7f8	recommender	validate	4	0
riven314/Keras-UNet-Foreground-Extraction	f71535cb25cb798904b424f4a468a13087d22006	detection_segmentation	tune	10	0
rlew631/SpeechRecognition	92d6a6f54accad44624a668380c57f3ae21cf9e3	audio	validate	5	0
seahrh/kaggle-tensorflow2-question-answering	9c7b6c0dc457c5efefb5dc907b865c8baf58aaab	kaggle	tune	55	3
shaunbarney/DDQN-Keras	2a04e2315a6f587c5777e0efecf12f0332e5dab1	rl	tune	3	2
simonebonato/RL_snake	a98e4feb53ef3f77aea1406ca941b1433b649a0a	rl	tune	2	0
smehdia/Humpback-Whale-Identification-Kaggle-Keras	7a9f5c06c4208870f22ed1c2bbf3b3a3b70c1d77	kaggle	validate	4	0
stephen-v/deeplearning-keras-tutorials	563f74c3fb44938e50c9a825d4478b93e733e8c6	course_book	validate	5	0
subbyte/graphsage-tf2	1554462272f8a9d5f24de2f6a7cd44652e372e26	gnn	validate	3	0
sujitpal/keras-tutorial-odsc2020	f378e1dad0dcde5fc7dac45655c6f7da65ad1ba6	course_book	validate	11	0
temple1026/tf-keras-stacked-convolutional-autoenconder	ee7ccb01b1b02ada6568077975fc9207ac6cf7ee	vae	tune	3	1
tgjeon/Keras-Tutorials	01a409db095942e57a70386ac13e34364151b54f	course_book	tune	19	0
thevivekpandey/kaggle-tensorflow-speech-recognition-challenge	4ac2fa4018f41385d888c7b67ff8f5a67efa01c4	kaggle	validate	12	0
thisisiron/char-cnn-text-classification-keras	92d23bca024117806f9724a1b433f626bf0adf45	nlp	validate	5	0
tonouchi510/simclr-tf2-distribute	edeef8402d83b018dc96f4a90c6a5f1613852890	research_custom_loop	validate	15	1
yongqyu/DeepFM-tf2	31dbedded5e73723f10a26a392f43633e0f677a8	recommender	tune	7	0
yuyc1729/RGCN-tensorflow2-dgl	3a19b3400c6f1d129b4cf31a26a495e7f31451e7	gnn	validate	5	0
zushicat/keras-nlp-snippets	63502e567666c003c82acebec901a9ad9d52d0fd	nlp	validate	12	0
"""

REPOS_TSV_Y = """\
repo	commit	kind	half	files_extracted	decl_files
niccololaurora/Quanvolutional-GradientTape	4ab599f80b163a4fb9818bdc958c6d9a11ea66b5	research_loop	validate	2	0
machinelearningzuu/TF2-GradientTape-Examples	07b80a07f2f0fdaa123353643768116bcafbf9e3	custom_loop	tune	7	0
kynk94/TF2-Image-Generation	61d076865c50d49f9d0715a988c23def716c6b4d	gan	tune	61	0
penny4860/tf2-eager-yolo3	81766c3ff0bd6f411068e41fcf89be2f60417bcb	detection	validate	13	0
jacky10001/tf2-mycnn	6a631ee71b2a91fc4e6e7a43f8f9179260a1d7fa	model_zoo	tune	35	0
chen0040/keras-gan-models	54d55d9f578741638750089352031b8d3ecf9df6	gan	validate	5	0
StevenHuang2020/Tensorflow2-keras-study	71030ff3cd3e00be24d0c8f7218e13ee1538544f	course	tune	28	0
zhenpingfeng/tensorflow2-reinforcement-learning	299f921f2fbeba6423cb5cf02d25854723325a94	rl	validate	14	0
565353780/tensorflow2-din	8eb729d852d092d0056db8ee60a9ce3ccec15f70	recommender	validate	15	0
Max1993Liu/tensorflow2-models	f0183e65f8151cfd0e4ada45386de0b988cac196	model_zoo	tune	18	0
taki0112/Tensorflow2-Cookbook	af8994e5f1887f66b88bba33d66c172eacfd5036	model_zoo	tune	21	0
Lornatang/TensorFlow2-GAN	7e894ca391a74a080534db9dada12b17c202d5db	gan	tune	9	0
dvarelas/tensorflow2-recommender	7798d40c8c06cc2ea786237c9e58d2bb9fcd7462	recommender	tune	6	0
hassanyousefzade/tensorflow2-soft-actor-critic	eadad0c5fc5edf6677177b1fe8af3b4c139d816a	rl	tune	4	0
seermer/TensorFlow2-WGAN-GP	8def8f9809b7e0e0fd554303fd5e7f07c2323a69	gan	validate	3	0
yftadyz/tensorflow2-DeepFM	161bf4b588b249c464e3f721a9e7eb275b186f72	recommender	tune	2	0
angelorodem/tensorflow2-char-rnn	f28503c61de62eade9b477bf13573988fb3807de	nlp	validate	3	0
sunyanhust/TensorFlow2-Keras-For-MRC	269864787843d892689d45fa673d104e586a055e	nlp	tune	8	0
tzamalisp/Human-Activity-Recognition-with-Tensorflow2-and-Keras	7a081c54a7872f534a3aa32b9d019adc9d4f525d	time_series	validate	7	0
silicon-optronics-inc/Tensorflow2-Self-Training-Defect-Detection-with-Severity-Score	655082b7bac4e9f3f681df1c326641c91206cf55	detection	tune	11	0
"""

REPOS_TSV_N = """\
repo	commit	kind	half	files_extracted	decl_files
uladzislau-varabei/stylegan-tf2	029ad7f2809684046856c0b0bd576fff604ee717	gan	tune	13	0
breadbread1984/CycleGAN-tf2	0ea88ff67bdc41e5bb458c2f02956e52dc16dfb5	gan	validate	6	0
Masao-Taketani/StarGAN-tf2	d682beaabcb2720428a7ff6dbdc290ed2d22d4e9	gan	tune	5	0
TanyaChutani/Image-Super-Resolution-SRGAN-TF2.0	2316abca225f350396fc8c5fcfd392e03a0f686b	gan	validate	12	0
fabriziocacicia/DeblurGAN-TF2.0	ce9f9001d511e5bee962810c86a93cc2774001e0	gan	validate	6	0
ChengBinJin/WGAN-GP-tensorflow	ba7a17dbe352e224ffb54d6502c7c7a21464a91a	gan	tune	8	0
JKSenthil/pix2pix-tensorflow-2.0	4d0ff11c673bc203f264a43fdbd471c28ff807db	gan	tune	4	0
stevensdavid/nvae-tf	228bcbbc8957db467ac1654abeb99df166c18023	vae	validate	13	0
iomanker/VQVAE-TF2	0a006e12cb70aec8eb4ba4b298204d9b21a877f3	vae	validate	7	0
lidless-vision/keras-residual-vae-tf2.3	43b558f97b74d187ccb8811c3bc7f9e303f5f6c3	vae	validate	3	0
SDBurt/CVAE-TF2	570b51dafcdbdcde1d03498528a36d6816b50960	vae	tune	4	0
alecGraves/BVAE-tf	c26a21dbb8924e3779183f5825832c5ec04e6652	vae	tune	4	0
ronan-keane/PPO-tf2	0535749f07920af9fd8581f744b5c7f2c3ad80fa	rl	tune	6	0
bencottier/DRL-TF2	940e5b83c753ae6c8307ca10b1d3c3f1066a46c1	rl	tune	5	0
schneimo/maml-rl-tf2	1c9237e7f18d688027a1db56b3cbb27c059a7ff1	rl	tune	17	0
tocom242242/deep-RL-tf2	e241f0e5d0d95b4118913f3d64a06deaecdbdfa3	rl	validate	8	0
uchendui/rl-tf2	ce3d731e539fb21ac74c1ce5af249eefb9cf064c	rl	tune	8	0
RickyMexx/SAC-tf2	68599e45e92844c07d8c4f8561e31d9a2478559b	rl	tune	3	0
itaicaspi/keras-dqn-doom	4241a994a49a39b88bfe5261b37d5abe6e0459a4	rl	validate	2	0
Chang-Chia-Chi/Sonic-the-Hedgehog-A3C-LSTM-tensorflow2	7485291b886d8d2917bbe8e97d2057373d5fa5d4	rl	tune	4	0
cshjin/GCN-TF2.0	15232a7da73dbca0591a0f8551d7b0fc4495f3de	gnn	tune	4	0
Swadesh13/STGCN-Tf2	e7f48780f17804b3cd937e48b79235e7520b9b1a	gnn	validate	6	0
YeongHyeon/PIPGCN-TF2	d72347f35dde6f0c70ed8545b21be5e2a04ae9c6	gnn	tune	5	0
Huvinesh-Rajendran-12/keras-geometric	3357e4d7c8971ace6d90d72280d03bb17c19e871	gnn	tune	40	0
white-wolf-tech/chinese-ner-tf2	49929236e54fd92c3141df5bb52c9195a93b89a1	nlp	tune	10	0
saiwaiyanyu/bi-lstm-crf-ner-tf2.0	da20d43a9f7a6ef4599ae86088499d2741ce885c	nlp	tune	4	0
csprock/keras-NER	b4794e2d012d7bd2099015a5b414333785de4201	nlp	validate	9	0
PanXiebit/transformer-tf2.0	8eb297a0a4ba650a0d0b5afba2cbb2e634b7d05b	nlp	validate	17	0
akanyaani/universal-transformer-tf2.0	19aa44718a0145cc4a1a60e52637fb071aa70a04	nlp	validate	10	0
AtLeastITry/seq2seq-keras-chatBot	4d5189ce3fca3e0f8bfaaea175ff1c80c7200645	nlp	validate	8	0
mashabelyi/seq2seq-keras	f73b0300396f95cdf0c6bf0e52791c02f62e4973	nlp	tune	2	0
angrypark/korean-text-classification-tf	8ed1d17dc5077f6cde11eb81e27881dbf7e379d5	nlp	tune	9	0
xingchensong/Speech-Transformer-tf2.0	14c9f40ee0b02204d12637e85edfc69dab839ff9	audio	validate	12	0
chenyu-se/FastSpeech-Tensorflow	f2e4aa3246b2d3e9950c5fef70ae20aca44027dc	audio	validate	17	0
sunny8898/DeepSpeech-tensorflow	97bb31781c19839942979b523564b12d1bca6a40	audio	tune	5	0
daniCh8/unet-keras-zoo	039598024ff2e906438aa40f6e77d434c6ef8c07	segmentation	validate	9	0
shilu10/Swin-Transformer-TF2	e6012bce5b55540e884f367a8e060341aebf262e	model_zoo	validate	18	0
anhtu293/segmentation-tf2	336e11d1a4db4f40c4a7d756c1d9102e6fe78f42	segmentation	tune	6	0
zhangxu0307/time-series-forecasting-keras	ef2ca5227542e8f14fe2118e8f5a265f64970d82	time_series	tune	4	0
mounalab/Multivariate-time-series-forecasting-keras	c9551cf3b88aa5b4257206fb5096716df648d93d	time_series	validate	4	0
raullalves/benchmark-numerical-time-series-tensorflow-keras	19b91ac2ee4411a098123eb5eb55bcfa047666dc	time_series	validate	3	0
vvanirudh/deep-ensembles-uncertainty	d45cf09edee634718b7a58e72321b2fa1585e1b5	uncertainty	validate	2	0
liaopeiyuan/kaggle-solutions	58fdae5b21c915e67af9429726452fddfb07dfcd	kaggle	validate	39	0
"""

REPOS_TSV_O = """\
repo	commit	kind	half	files_extracted	decl_files
chuckcho/c3d-tensorflow2	4dccb79e39716646e58ac011beda330261bc745d	video	validate	3	0
logasja/keras3-unets	fb439680e7fbb575138dce70e9f6a71dfc5d4cdb	segmentation	tune	25	0
kevincoakley/keras3-resnet	e0fe40d7583de60eb22616870ae2b870bf6fc61b	model_zoo	validate	4	0
ken-matsui/tfkeras-dcgan	bd9fd6a052ea7b762387014f184345f55bdee333	gan	validate	4	0
J-Taniguchi/deeplab_v3plus_tfkeras	ae6f17b51cf54dbb5cb1ec42851720500c0f2d80	segmentation	tune	16	0
XiaoyuHuang96/MobilenetV3SSDLite-tfkeras	1a658f53c04481e3f228243f5bf418c41a0288b1	detection	tune	23	0
koshian2/OctConv-TFKeras	6cf3501d9a3562547aea9360a863e2d3f4f4642d	model_zoo	validate	2	0
UdiBhaskar/TfKeras-Custom-Layers	ed7568b82593348f88126c0f953d26f4252091c9	tutorial	validate	5	0
eleow/tfKerasFRCNN	2a5f3d0700078a5d55db23709e79b98c31af659c	detection	validate	3	0
Osebek/Conditional-Variational-Autoencoder-Keras	6b6a4843ca9d0f386f9aac1e2e271d3fe00f00a2	vae	validate	23	0
alimirzaei/adverserial-autoencoder-keras	e4f762065f31294bb2a791e284b7ffc3afac5c5a	autoencoder	tune	9	0
giacomobettas/anomaly-autoencoder-keras-generator	e87657912097408fd8101a12271793c755ccd76c	anomaly	tune	5	0
Bureaux-Tao/NLP-BERT-keras	4cf4969801c804739741b9c38d73d52a6e96da24	nlp	validate	22	0
lshug/LearnToPayAttention-Keras	ebcb5bedb479061a300ae23f7e3b46a4b9c9edca	attention	tune	4	0
khikmatullaev/CapsNet-Keras-Text-Classification	f62bebbe46730554924e2d424041cdf043bc34e4	capsule	tune	6	0
theelk801/Style-Transfer-Keras	8ca0e3aca18eb0265bf2fdcf193c5270e96e96e9	style_transfer	validate	2	0
nephilim2016/Super-Resolution-Keras	42df5609df59162bded5d2a5a3e740bb4dad4359	super_resolution	validate	2	0
rajatkb/RDNSR-Residual-Dense-Network-for-Super-Resolution-Keras	05913112d2e6a9b128640f42db2f3619d83505b7	super_resolution	validate	2	0
leurekay/CRNN-Keras	c3062b441bd3c9c8ba6761ca42f3fce357143a6c	ocr	tune	4	0
qjadud1994/CRNN-Keras	58f57507fd0f05d12a6c2123dba7049c7210289b	ocr	tune	4	0
Ananas120/Tacotron2_in_keras	cd47d4f5fe9848eb5c1781065441b23531405771	audio	validate	13	0
ZTianle/keras-tcn-solar	921d381ea36d3c477c8e8eaf306a0ce0b406f53c	time_series	validate	8	0
CUN-bjy/gym-ddpg-keras	17918d432dc90f250d658710a8263666bb52730c	rl	validate	2	0
pr-shukla/maddpg-keras	610fd334c57ce70010e02a195ebebd78395f1b22	rl	validate	5	0
NeymarL/ChineseChess-AlphaZero	7f45b0cd7470f7f8e1da7331fc1a31374d6cc10f	rl	tune	6	0
yinchuandong/A3C-keras	7e3ba4b951f0ab7495e678e2c481a13dd944a30b	rl	validate	5	0
anisotropy/Coursera-DeepLearningAI-TensorFlow-Developer	0c91bbe66eaec0621036da49fd0f26459d9d41db	course	validate	23	0
neyugncol/tensorflow-keras-triplet-loss	d338eb4eb9059ec835dcd3fb512ab42d50da7977	metric_learning	tune	9	0
anupamme/keras-triplet-loss-mnist	422d0feb19cffb9fd44ec1053a7ca57b47d59810	metric_learning	validate	28	0
AbrarJahin/BiLSTM-Keras	d18aa5e6aa63858537dc255adf3a5890a43bb634	nlp	validate	4	0
fferroni/PhasedLSTM-Keras	854ed13c1afdd3c5b3b5ba2b1c3584cdc192add4	time_series	tune	4	0
baoxperceptionio/predict-stocks-lstm-keras	5e7aa4a518cb12a19b5dc7f5cd8698aac7269a29	time_series	validate	4	0
sonyisme/keras-recommendation	e84fab6706faf8405f4bfc75cf50ecff6433eb77	recommender	validate	53	0
Jhon-dong/STGCN-keras	055f33023bd0dda3090ad3dd61d8e967a3692907	gnn	tune	2	0
choiseokkyu/LGCN-keras	64bdd4f7469eea159658e07d8652aa13a8c32672	gnn	validate	4	0
data-prestige/train-keras-ocr	dcd266f52d3fbd9cf71d3d219bca6882b0a0c099	ocr	validate	4	0
bkozyrskiy/EBCI_eegnet_keras	32d50185b6b816c38c20b77afdc9c30a332228fc	eeg	validate	16	0
YangWangsky/tf_EEGNet	c2e668d3a7aa31feac7e71d19ada013829e6b87b	eeg	tune	4	0
TaQuangTu/YoloV3-tensorflow-keras-custom-training	b5dfc7b3a6543ade26714163e938fe56440639d9	detection	validate	8	0
RWaiti/Keras-DeeplabV3Plus-MobilenetV2	217d7263fa2ca919f09fd0b26b4cdc283ca53743	segmentation	tune	10	0
taimir/infogan-keras	e60b6b12ceecaec57bdb03465457d1a2d5d6aac6	gan	tune	12	0
JBlazing/PixelDTGAN-Keras	749cdd1e44e86176346bfbe10561809c63f06d78	gan	tune	4	0
jshyunbin/ConditionalStyleGAN-keras	8960dd25fe91c4b3fa861408ed454ea6b77322ff	gan	tune	6	0
RileyLazarou/AEGAN-keras	a7ed01938598b438efe54cddd6192b3a40c4902d	gan	tune	2	0
makora9143/ssvae-keras-tensorflow	90013ba538a2eababb3dbbab0446f235e2eb2c65	vae	tune	5	0
ericphilbaz/CADA-VAE-Keras	d6e4fe0555acae0e2d1f1ea1030ae34ca702040a	vae	validate	7	0
jedol/SSD-Keras_Tensorflow	553804f5c79196ec697cbe5b399a66285c4c48c1	detection	tune	10	0
ManishSoni1908/Mobilenet-ssd-keras	3993032e4994b4a34921554efab7d573b87afc64	detection	tune	15	0
SwagJ/PSPNet_tf2_0	48061fd5d47b3290b30897f97f22b1a111c15b2a	segmentation	tune	7	0
YBJ123/Keras-PSPNet	7595fff1b29aef23f4b3ba7446aef4f270dee01b	segmentation	tune	6	0
emirhangulunay/Alzheimer-Mri-Keras-Model	5b595fd19e940fc9e1a72798006ca6b5b855a7b7	medical	validate	2	0
mostafaelaraby/Tensorflow-Keyword-Spotting	d52be4f4cd31ba41cf73387f5a262a80d3828cd5	audio	tune	9	0
kulak-at/keras-audio-recognition	1c04aba94799cb6e09732d6f168daa8c1e74cff2	audio	tune	5	0
orobix/retina-unet	f6ff63bb39409942fd3aaf6907dbce74ca143207	medical	validate	2	0
wwarriner/retina-unet	c091dade410ab8d7dce76a82d2bdd1b28f447e22	medical	tune	3	0
buchholzmd/tf-retina-unet	ac19281a04ac5e11fbe986011668f6b89a23990b	medical	tune	4	0
"""

REPOS_TSV_P = """\
repo	commit	kind	half	files_extracted	decl_files
hyunholee26/Short-term-water-level-prediction-in-the-river-using-LSTM-with-MC-dropout	7315604ac2c331e3d04ca04a044f012df0f66075	uncertainty	validate	7	0
teelinsan/KerasDropconnect	0b203b56b2564686358fe0907b89316e3fce4014	dropout	validate	3	0
BayesWatch/tf-variational-dropout	b028185322fd1a088444d23e222b9a4a06c9ec4b	dropout	tune	8	0
avirupdas55/Gaussian-Dropout-Uncertainty	ea8511c8c8d41732faaba5016362e91e5e214211	uncertainty	tune	4	0
nicenustian/stocks-bayesian-lstm-and-transfer-learning	5b7673b708b3252f6840c50b2bb4181f9545edd6	uncertainty	tune	3	0
Kyushik/Predictive-Uncertainty-Estimation-using-Deep-Ensemble	3d6caaedfee83f7d97ead01d820af5e4ef113e4b	uncertainty	validate	8	0
cnsa/keras-text-classification-w2v	71a450a3bd1d43289eeea33ccd259e03d8fe5a25	nlp	validate	6	0
samc0de/keras-text-classification-binary	442f0965e6f331ee67cc26b98fc80adb19f3eacf	nlp	tune	4	0
GINK03/keras-cnn-text-classify	6585f546287061ca6a8b8d418de8a5281ffee6a1	nlp	tune	4	0
MingyuLi19910814/Convolutional-Neural-Networks-for-Sentence-Classification-tf2	63cac43ddfb37717890dba0381f622983af8a32d	nlp	validate	4	0
gengjia007/CapsNet-for-text-classification-tf2.0	89f654c057f8e203219fdb227e5a7abdb6fc3c52	nlp	tune	4	0
jeonghunyoon/Text-classification-tensorflow	3c7c80bc0abea7c8c2b40eb6af3fb09f0530b63e	nlp	validate	4	0
yxtay/text-classification-tensorflow	1be7e1e357844742c813a536991a49cc47aa7be3	nlp	validate	3	0
jianwu-github/keras-lstm-sentiment-analysis	17e6b5722ba0e88150a7a0fae113c7d91e6b62e4	sentiment	tune	2	0
hardianlawi/attention-lstm-sentiment-analysis	1da9ff70a03be76928873f5d03153efaf0337dc2	sentiment	tune	7	0
VanOvermeire/keras-sentiment-analysis-examples	25ec139249d748cc1b136421bf2dabc2a4fe6d10	sentiment	tune	5	0
iangregson/imdb-keras	82ad3d5af000daf4260228a290dd1921e5cfe20d	sentiment	validate	4	0
harshulsoni/lyrics-sentiment-tensorflow	5235199a059107defc4d1cea678ab7c9c775b7b6	sentiment	validate	7	0
Tirth27/Mnist-and-Cifar10-Keras	60707e7e4859be648e2287104c0b5a26b75c2acd	image_classification	validate	6	0
Watebear/cifar10-keras-net-zoo	84f6494cbb97856fe1d3d7cc05c375c3b4f29503	image_classification	validate	6	0
drewszurko/keras-cnn-cifar10	e5ef3fed4ff347b16051f7db3e16d40e808bd3a6	image_classification	tune	4	0
BSydo/MNIST-Keras-tensorflow--CNN	94235a0900cb0d6465f3b03e77eb9863f07317e5	image_classification	tune	4	0
NeilNie/EMNIST-Keras	7345181f6eafdee14d7e98fd9aea1dae26f4d7e8	image_classification	tune	2	0
DonaldKellett/fmnist-keras3	69ddfbcd93fe6250b1d69e97e063d014f04f7293	image_classification	tune	3	0
ayulockin/fashion-mnist-keras	8ce544f8c001975e86beeb99373f123f4f294eaa	image_classification	validate	5	0
daveboat/multitask-image-classification-keras-example	a6230b99b134ad4851176f7d30bdc62143868f54	image_classification	validate	2	0
conqueror7/image-classification-keras-generic	9e567d9892dbfc32de8380095705de7ed8979b25	image_classification	tune	3	0
emedinac/Classification-tf2x	9d395edc5e3c54d21b536ae86680e7d4383e4291	image_classification	validate	9	0
oq-Yuki-po/ImageClassification-tf2	d23f1390173bc476229134f89adb62e3d4043e08	image_classification	tune	4	0
xiayifan1024/CifarClassification-tf2	fea9737487bbddfcfe59eb961de89976d4a0d005	image_classification	validate	7	0
eremo2002/tf.keras-CNN	24a00b29efb76aa6446b7ae0b38454bb71260256	image_classification	validate	8	0
itacca/keras-CNN-template	e9e2714cec67b2c611fe6547fd0ceeae6198ab93	image_classification	tune	7	0
exeex/audio-classifier-keras-cnn	5d25631cb18ab0c709fe975bf8556e0cf88bc79f	audio	tune	6	0
mbarzegary/ecg-classification-keras-cnn	a00421eb6206cbaab1bd2cd9ddf953f2863824dc	medical	tune	2	0
X-rayLaser/keras-cnn-1drnn-ctc	e27f717c2c8af75f4774c62a81f70f46c4e8eadf	ocr	validate	20	0
Arsey/keras-transfer-learning-for-oxford102	5b9040a67b71ae9635a1e35b223d9dd9bf70fcef	transfer_learning	tune	10	0
yoavz/transfer-learning-keras	382d790dcb36fa9bd62fec4b1777c5aa274aec9a	transfer_learning	validate	4	0
icchi-h/fine-tuning-keras	f784a6e2280600d83bb54df26495c3bac765ed65	transfer_learning	tune	2	0
nkmk/tensorflow-keras-examples	720d7851c0d1c9983b06864aa2ebbdcce5efa7c5	tutorial	tune	46	0
buraketmen/Tensorflow-keras-examples	9c74529a74c46b4231743502fac30285f553d600	tutorial	tune	19	0
buomsoo-kim/Easy-deep-learning-with-Keras	332d1a580845f8640788b7e5dc9af8fc8af4ba55	tutorial	tune	102	0
YukihiroTaniguchi/Practicing-Deep-Learning-With-Keras	cb3411e89c9e52d38be26aa7b4d6ee0da6372513	tutorial	tune	9	0
Jean-Christ1/Deep-Learning-with-Keras-and-Tensorflow	32b7466bb243514d8126208991d025fa53b2fa5f	tutorial	tune	81	0
masakiaota/deep-learning-with-keras-ja	540e19d16f195f85a172936bf1546d2303835f8b	tutorial	tune	52	0
tjkemp/keras-projects	03bb5e8979157c5acf642765ba302e1c747ce8a5	tutorial	tune	13	0
kredy/Keras-Projects	44c9a7b27f31a8d3eaa7b3bc7a0396d2eb0bf430	tutorial	tune	13	0
PABERTHIER/keras-projects	6f101f9e505c63b541da6887c5d78e2fc94b4c2f	tutorial	tune	4	0
Prateek-Sharma-87/nlp-keras-tf	0e7dda0b102cca2c82c14d3b4187a4ea5b93a6af	nlp	validate	5	0
NoorAmer0/simple-chatbot-keras	670a12a4ce321e88db20f74db1e79f5da91e3ad6	chatbot	tune	3	0
boring-programmer7/Chatbot-Keras	0fc402037f92903ba3ff497d67c4e74960f4a21c	chatbot	validate	3	0
sekharvth/simple-chatbot-keras	2a198590cc785500a8d9349e474abc2d350a558c	chatbot	tune	2	0
Bureaux-Tao/BiLSTM-NER-Keras	8dbaf8a52d65de80ef1a75a4b9f3a1cb0986c0c7	ner	tune	50	0
Bureaux-Tao/BERT-NER-Keras	cc7291db331bb16a5834ec07e23f403f575a21cd	ner	tune	69	0
vizsatiz/pos-ner-keras	a0961d8610e01399d092793fa51a9572db0fff44	ner	validate	2	0
stephen-v/zh-NER-keras	78ab9b314b5c77971fa08a2c8edcf194f40567d5	ner	tune	2	0
samrawal/BiLSTM-CRF-Keras	d564a1f7a27ab5122fecc4b8690b565142800957	ner	validate	2	0
jonghkim/keras-seq2seq-models	7b2e6f4342ebce16222743983cd41258cd4bf199	seq2seq	tune	5	0
mohammed-elkomy/encoder-decoder-tensorflow	1d35993ad902d8d398c8d5500a3c1e22faabb913	seq2seq	validate	10	0
Dragon0Spark/Keras-music-generation	e7ac70546d9f6077876b089ad2298470b9cdd3d6	music	tune	2	0
durman53/tensorflow-keras-music-generation	02086a2f5afdde32c2a271b60a55ffef2f393061	music	validate	2	0
jordan-bird/Keras-LSTM-Music-Generator	a850f66aa56dc6f023449a7ceb42e11cdec38630	music	validate	4	0
randaller/keras-lstm-text-generator	b95f3693d9f736e37c9cee36bc87379d392777fc	nlp	tune	8	0
MarlonCajamarca/Keras-LSTM-Trajectory-Prediction	5297ab5e649971ed42ca9f8efa9fe925b7da982b	time_series	validate	5	0
maxuanquang/srgan-tensorflow2.0	b79133a372afa80d3b3339949fc394d4e69a9a01	gan	validate	8	0
srihari-humbarwadi/progan-tensorflow2.x	2f456c11277a2e80fa9332e29130e8ca384796d9	gan	tune	10	0
shhra/BigGAN-Tensorflow2.0	49094e26f5a643d0abfeeb292200e5eeea910a69	gan	tune	5	0
chldkato/MelGAN-Tensorflow2	24fe11caa73b076138c8bc490ecdfcea29dede7b	gan	tune	4	0
garder14/cyclegan-tensorflow2	3836374314202440b912725e093057bb0e58d52a	gan	validate	5	0
ditto-cc/cDCGAN-tensorflow2	ed2c968efb75269a75fb845349a84e23837cf261	gan	tune	3	0
hcnoh/WGAN-tensorflow2	2e31cbde8910166a70818a70b4528774b44a79c6	gan	validate	4	0
leafinity/SAGAN-tensorflow2.0	b09b035ce39699b724a212e260ce3cf2f03760c1	gan	tune	4	0
yerfor/WGAN-TensorFlow2	c0e73ffc77842728ad1f0ecb6584e6ddb948e0dd	gan	tune	3	0
tuananhphamds/MST-VAE-Tensorflow2	2aab8726f936022757cfd1ceb5e0b53dd7a16bf5	vae	validate	7	0
DaeseungLee/VAE-Tensorflow2.0	8b0a86c702a6a045563fc81fa1901fdc0e3b2a3e	vae	validate	3	0
TheStarkor/SRCNN-tensorflow2	23eacf0a42aa0363bcd97c33a33f85ca68fa980b	super_resolution	tune	4	0
"""

REPOS_TSV_S = """\
repo	commit	kind	half	files_extracted	decl_files
p-dirac/python-keras-cnn	133b05cb244a1f7840c9d82b825a858741ebcd50	image_classification	tune	10	0
kittinan/trex-keras-cnn	97b15338072b3438032573a460d54c78e8ed27fc	image_classification	tune	2	0
Spico197/keras-cnn-relation-classificaiton	ac71b7313974c6fe3316185e912d207b5738b466	nlp	validate	2	0
ChristopheKar/keras-cnn-classifier	c7f9fa429d91df5d1535bab081ee73a466ddfefa	image_classification	validate	2	0
tyge318/Keras-LSTM-Exercise	a1e2c08cda7e19e1488f45ba1fde0c445f168c9d	time_series	validate	22	0
Thartvigsen/Keras-LSTM-Experimental-Framework	012e058fc969aa3c1bbad33e3e02fe18e913d423	time_series	validate	4	0
despoinanikolakaki01/keras-lstm-music-prediction	fe73719b7c0ca72a8549b6f9dec13832473c782d	music	tune	2	0
roemmele/keras-rnn-notebooks	14a1a04d37fd8bc9738321fb99e27a8a9d4167c2	nlp	validate	6	0
pantheon5100/3D-CNN-resnet-keras	41c7e1e7b5f2a2a886c77c714d889446b589b4db	image_classification	tune	2	0
AbhinavJhanwar/vgg-keras	eede5df194ef78bf2bdb1ec070e764234e4e71d9	image_classification	validate	15	0
MohamedAliSaada/ISIC2017-SkinLesion-Classification-VGG-Keras	18d434346d0b109ad1c040da66c4170ced962a48	medical	tune	4	0
ShinYwings/Alexnet-tf2	d4f9b7799ee7c30231b4425ead0bfdd265cc5640	image_classification	tune	5	0
mikechen66/AlexNet_TensorFlow_2	7654190c763c2d31c74efab718abdc968059be5c	image_classification	validate	29	0
Iulian277/MobileNet-Keras-Sign-Language	3a633a674366850385ab1acdb0cbc89152e0cb20	sign_language	tune	7	0
okason97/DenseNet-Tensorflow2	cd3ad4943dddb8e3aa438db19f1540556183d55d	image_classification	tune	8	0
justincosentino/densenet-tf2	d1e988426d467949e2948c628006b9311a02b263	image_classification	tune	7	0
zijunsu/Shortcut-3D-UNet-Tensorflow2.0-BraTS-2020	a6b4ef88653928e4e4ba239f82af8dcc3b5af834	medical	tune	10	0
BenGrainger/UNet-tensorflow2	d96c556e9ea3b01e62d0c92a978ad347c61ba6d2	segmentation	validate	2	0
ashishpatel26/satellite-Image-Semantic-Segmentation-Unet-Tensorflow-keras	64b1dfd97fdc846b92bf2fba55e9c3382857ded5	segmentation	tune	25	0
RyanCCC/unet-tensorflow	178f6fab4ad6f666c29644b12ab71d212609e0c6	segmentation	validate	6	0
JanPalasek/resunet-tensorflow	9f080caba27441a16697818cb7064839c40223e5	segmentation	validate	4	0
Maximellerbach/Car-DCGAN-Keras	b86b5fe5a9901f61e9fcbb4d2a0b6aefa7e28c68	gan	validate	4	0
gaborvecsei/CDCGAN-Keras	cbac7d16796785299344d3469cd01840195004ba	gan	tune	3	0
GBATZOLIS/MCinCGAN-keras	1b908901560e61a58de97872a14145fe5210d486	gan	tune	9	0
schatty/siamese-networks-tf	69aa18ce8b33479e662c996495520d59d4e172aa	siamese	validate	5	0
LyticaMx/siamese-networks-tf	48dda05ef60668affc46669f1c49ad85e3b6ea17	siamese	tune	3	0
Aden-Q/face-verification-with-siamese-network-tensorflow	e8bc534aded109c8c5e2b12d1953a3acfb17e83d	face	tune	7	0
tensorfreitas/Siamese-Networks-for-One-Shot-Learning	8aae45687b3f0d1499bf8bf804d7a741b7828eb2	siamese	validate	3	0
mjDelta/face-recognition-keras	7bf8ce53e992ebd4e45966b8419f8c3c1be97548	face	validate	4	0
KALAISELVANK-18/Face-recognition-keras	85e88fa0f313d1fdaa6735d67737a3a4c13c1444	face	validate	7	0
mazhar18941/Face-Recognition-Keras	21d34005e09405f250765099097e70b304fe99fd	face	tune	5	0
iArunava/Malaria-Detection-using-Keras	d289c49f887b0e061431a513691573b66dbe983d	medical	validate	4	0
1666sApple/Malaria-Detection-Tensorflow	8f2f8d2a96149c78658cbeb3ec00873ec42574e9	medical	tune	5	0
Nneji123/Plant-Disease-Detection-Keras	c682d425b620189021fe093b18bae7ab22999b5c	plant_disease	tune	2	0
ZuhirDev/cifar10-cnn-keras	82a12fcc1906b09c3564a5ddb2b8638b194bf8f3	image_classification	tune	4	0
PabloTorresR/Intel-Image-Classification-CNN-Keras	80d2b5908ee33d583590e1593d6affa794e27524	image_classification	validate	15	0
mobinyousefi-cs/Traffic-Signs-Recognition-using-CNN-Keras	9e33bd8f2c028d64722d48b09f0ba066709eff0e	traffic_sign	validate	8	0
deepak2233/Traffic-Signs-Recognition-using-CNN-Keras	86856bfc4ccafec76d3b20b31e9d221c5cf8d130	traffic_sign	validate	7	0
nek27/FaceExprRecoCNN-keras	d643d5f60fd7a3240d9901b1f8c730b450ee2fcc	emotion	validate	3	0
zrsoo/CNN-Keras-Emotion-Recognition	7a0787788584d50bfb4da5063fb60a4e83d9e1ba	emotion	tune	4	0
atomtony/HAR-CNN-Keras	a720fe22e83259086d6f35132b17170a228dcbe1	har	tune	2	0
wangjiosw/fashion-mnist-cnn-keras	eb83c52808cc40e328b10c99f9f126aab4d45799	image_classification	validate	2	0
Fight-hawk/TextCNN-keras	628633279fb994cfc0e8f87529c74f9824c959b2	nlp	tune	2	0
CamillaDeMartino/SRCNN-keras	276011c4229cb4cc577e026d48c16d50d9165a2e	super_resolution	tune	3	0
honggyuchoi/DnCNN-keras	c2544de44234c23b0de2cb477627665e2d9b9028	denoising	validate	3	0
nerdimite/sentiment-analysis-lstm-keras	83feabce4f37be843bc8274d160acc4c97a200d1	sentiment	validate	3	0
JasonRui/WikiQA-LSTM-Keras	0d6a84041d906458d48e4504a264d1c19d11a054	nlp	tune	2	0
trung1309vn/Abnormal-Event-Detection-using-Keras-Autoencoder	6218f354d4a368ae6a87835db25330aaaaaf00fc	anomaly	validate	4	0
suraj7974/Tensorflow-Keras-UNET-model-for-Fetal-dataset	44bef1ccb4ecd5bc17e595642c8b9e481f6ae974	medical	validate	12	0
surtr82/py-project-keras-resnet50-augmented	4139ba88a76f81950c1f2168cefb1422d64a72e6	image_classification	validate	5	0
shaunbarney/DQN-Tensorflow-2	90bc741338f88ba97d0b1dac2534d703a8814e1d	rl	validate	4	0
AlphaHelix456/Atari-DQN-TensorFlow	1d73305494a371202da0e021e6b6b23ce9421c57	rl	validate	3	0
rolczynski/DeepSpeech-Keras	ee06aba33ba9a3f431bc1d2a5bfa74d929406caa	speech	validate	17	0
animit-kulkarni/image-captioning-tensorflow	68828c593bce1746cc2cb9b53ce3ddf4a10d1e11	captioning	validate	9	0
kvlsky/image-captioning-tensorflow2	3c9f1388f5a0d3c99f94c7cf25bfd64eae87d533	captioning	tune	4	0
laeeq-ahmd/Fake-News-Detection-LSTM	e5a260792f9294a34061b17d57d1518fb95a9578	nlp	tune	4	0
khuangaf/kaggle-toxic-comment-classification	e864861c4dae958557388b667897655895e320d8	nlp	tune	14	0
nicocadart/kaggle-toxic-comment-classification-challenge	d4bd1d04d6c52556ebd2ce22c52e6242000b15a1	nlp	validate	7	0
ALEXKIRNAS/Toxic-Comment-Classification-Challenge	1f86d113f38c6c9eaca03ec33c6467709bf2d652	nlp	tune	7	0
AnLitsas/Autoencoders-MNIST-TF2	19d1219cc8b976576e99ac65d91f43b6a540d038	autoencoder	tune	6	0
alpxe/python-mnist-tf2.0	0d8b0e49eeaa34d45c2dca1a580a133722bae2c6	image_classification	tune	5	0
Daipuwei/DANN-MNIST-tf2	04d547f8ac4e3766b6ec360405f8245b35617c55	domain_adaptation	validate	5	0
dongyups/TLSTM-tf2-keras	1800dbf9471d8f56781ac12e920a807e56e7c996	time_series	validate	2	0
mikechen66/LSTM-TF2	741250374509c332d9f4f5ddebcb1a966e268df0	time_series	tune	40	0
adityabingi/DCGAN-TF2.0	020b8bfc2fbe1116c6ffa81937d09b49e5840db4	gan	validate	3	0
waterophelia/DDcGAN-tf2	4d394d8f25603f1e44332a069133ed95e79efbd6	gan	validate	7	0
Kirito0918/seq2seq-tf2	64ab389a080e028badc271192a4d1ce991dff308	seq2seq	validate	6	0
YeongHyeon/RepVGG-TF2	d4957d6f99a94d2c9844e2c3d4d45bf33e2be64b	image_classification	tune	3	0
Zackory/Keras-MNIST-GAN	1d10f489a846118cda596fcf296a3181f547b266	gan	validate	2	0
PXZ1337/keras-cifar10-cnn	b5bb4aacfda669b12b788280177869616edeec9a	image_classification	tune	4	0
jerett/Keras-CIFAR10	d971700375684cb9c91c7a5abe8ef1212066e25a	image_classification	validate	17	0
anandj91/keras-cifar100	bf9c5efb01b46ed5dc484387cdfdac2c68000b2a	image_classification	validate	8	0
binli826/LSTM-Autoencoders	8b52c946bb96994ca54a7b43273c8d1d48fcb8cb	anomaly	tune	3	0
axt7568/Keras-Timeseries-Anomaly-Detection-model	4dc476789bb1fa09d01c371263f881dc3b65ee64	anomaly	tune	3	0
chen0040/keras-timeseries-web-api	8ef2aecac671ad199c47544c0b830a83426a4366	time_series	validate	9	0
space-water-bear/keras-captcha	6a7a8830cb6b2699508390207ef81837fdff473f	ocr	tune	3	0
Ujjwalupreti/churn-prediction-ANN	241b2357962bc086b79f686714a5744673a79df4	tabular	validate	2	0
"""

TABLES = {
    "a": REPOS_TSV,
    "b": REPOS_TSV_B,
    "c": REPOS_TSV_C,
    "d": REPOS_TSV_D,
    "e": REPOS_TSV_E,
    "f": REPOS_TSV_F,
    "g": REPOS_TSV_G,
    "h": REPOS_TSV_H,
    "i": REPOS_TSV_I,
    "j": REPOS_TSV_J,
    "k": REPOS_TSV_K,
    "l": REPOS_TSV_L,
    "m": REPOS_TSV_M,
    "w": REPOS_TSV_W,
    "y": REPOS_TSV_Y,
    "n": REPOS_TSV_N,
    "o": REPOS_TSV_O,
    "p": REPOS_TSV_P,
    "s": REPOS_TSV_S,
}
DEFAULT_OUT = {
    "a": "/work/corpus13",
    "b": "/work/corpus13b",
    "c": "/work/corpus13c",
    "d": "/work/corpus13d",
    "e": "/work/corpus13e",
    "f": "/work/corpus13f",
    "g": "/work/corpus13g",
    "h": "/work/corpus13h",
    "i": "/work/corpus13i",
    "j": "/work/corpus13j",
    "k": "/work/corpus13k",
    "l": "/work/corpus13l",
    "m": "/work/corpus13m",
    "w": "/work/corpora/w",
    "y": "/work/corpora/y",
    "n": "/work/corpora/n",
    "o": "/work/corpora/o",
    "p": "/work/corpora/p",
    "s": "/work/corpora/s",
}


def load_table(name="a"):
    lines = [l for l in TABLES[name].splitlines() if l.strip()]
    header = lines[0].split("\t")
    return [dict(zip(header, l.split("\t"))) for l in lines[1:]]


def half_of(repo):
    return "validate" if hashlib.sha256(repo.encode()).hexdigest()[0] in "01234567" else "tune"


def git(gitdir, *args, **kw):
    return subprocess.run(["git", "--git-dir", gitdir, *args], check=True, stdout=subprocess.PIPE, **kw).stdout


def mirror_gitdir(mirrors, repo):
    base = os.path.join(mirrors, repo.replace("/", "+"))
    for cand in (os.path.join(base, "repo", ".git"), os.path.join(base, "repo"), base):
        if os.path.isfile(os.path.join(cand, "HEAD")) and os.path.isdir(os.path.join(cand, "objects")):
            return cand
    return None


def clone_gitdir(repo, commit, tmp):
    dest = os.path.join(tmp, repo.replace("/", "+"))
    subprocess.run(["git", "clone", "--quiet", "--bare", "https://github.com/%s.git" % repo, dest], check=True)
    if subprocess.run(["git", "--git-dir", dest, "cat-file", "-e", commit + "^{commit}"]).returncode != 0:
        subprocess.run(["git", "--git-dir", dest, "fetch", "--quiet", "origin", commit], check=True)
    return dest


def candidates(gitdir, commit, decls=False):
    """(sha, path, is_decl) of each blob to consider: code files by extension and size, and, when
    ``decls``, declaration files by basename and size (a setup.py is then a declaration file)."""
    out = git(gitdir, "ls-tree", "-r", "-l", "-z", commit)
    for entry in out.split(b"\0"):
        if not entry:
            continue
        meta, path = entry.split(b"\t", 1)
        mode, typ, sha, size = meta.split()
        if typ != b"blob" or mode not in (b"100644", b"100755") or not size.isdigit():
            continue
        if decls and DECL_RE.search(path):
            if int(size) <= DECL_MAX_BYTES:
                yield sha.decode(), os.fsdecode(path), True
            continue
        if path.endswith(tuple(e.encode() for e in EXTS)) and int(size) <= MAX_BYTES:
            yield sha.decode(), os.fsdecode(path), False


def extract(gitdir, commit, dest, decls=False):
    """Write the kept files under dest; return (code files, declaration files) written."""
    items = list(candidates(gitdir, commit, decls))
    counts = [0, 0]
    if not items:
        return tuple(counts)
    proc = subprocess.Popen(
        ["git", "--git-dir", gitdir, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    try:
        for sha, path, is_decl in items:
            proc.stdin.write(sha.encode() + b"\n")
            proc.stdin.flush()
            header = proc.stdout.readline().split()
            if len(header) < 3 or header[1] != b"blob":
                continue  # missing object
            data = proc.stdout.read(int(header[2]))
            proc.stdout.read(1)  # trailing newline
            if not is_decl and not any(n_ in data for n_ in NEEDLES):
                continue
            target = os.path.normpath(os.path.join(dest, path))
            if not target.startswith(os.path.normpath(dest) + os.sep):
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as fh:
                fh.write(data)
            counts[is_decl] += 1
    finally:
        proc.stdin.close()
        proc.wait()
    return tuple(counts)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out")
    ap.add_argument("--table", choices=sorted(TABLES), default="a")
    ap.add_argument("--mirrors")
    ap.add_argument("--half", choices=("validate", "tune", "both"), default="both")
    ap.add_argument("--only", nargs="*", default=None)
    args = ap.parse_args(argv)
    rows = load_table(args.table)
    args.out = args.out or DEFAULT_OUT[args.table]
    decls = args.table in DECL_TABLES
    bad = []
    tmp = None if args.mirrors else tempfile.mkdtemp(prefix="corpus13-")
    try:
        for row in rows:
            repo, commit, half = row["repo"], row["commit"], row["half"]
            if half != half_of(repo):
                sys.exit("table error: %s recorded in %s, hash says %s" % (repo, half, half_of(repo)))
            if args.half != "both" and half != args.half:
                continue
            if args.only is not None and repo not in args.only:
                continue
            try:
                gitdir = mirror_gitdir(args.mirrors, repo) if args.mirrors else clone_gitdir(repo, commit, tmp)
                if gitdir is None:
                    raise RuntimeError("no mirror")
                dest = os.path.join(args.out, half, repo.replace("/", "__"))
                if os.path.exists(dest):
                    shutil.rmtree(dest)
                n, n_decl = extract(gitdir, commit, dest, decls)
                if decls:
                    os.makedirs(os.path.join(dest, ".git"), exist_ok=True)
            except (subprocess.CalledProcessError, RuntimeError, OSError) as exc:
                print("%s: FAILED (%s)" % (repo, exc), file=sys.stderr)
                bad.append(repo)
                continue
            want = tuple(int(row[c]) for c in ("files_extracted", "decl_files")[: 1 + decls])
            got = (n, n_decl)[: len(want)]
            status = "ok" if got == want else "MISMATCH (recorded %s)" % "/".join(map(str, want))
            if got != want:
                bad.append(repo)
            print("%s\t%s\t%s\t%s\t%s" % (repo, commit[:12], half, "/".join(map(str, got)), status))
            if tmp:
                shutil.rmtree(gitdir, ignore_errors=True)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    if bad:
        print("problems: " + ", ".join(bad), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
